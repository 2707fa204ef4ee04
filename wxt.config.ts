import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { SUPPORTED_HOSTS } from './extension/site-adapters/hosts.ts';

export default defineConfig({
  srcDir: 'extension',
  imports: false,
  manifest: {
    name: 'Cognitive Firewall',
    description:
      'Sees how AI assistants try to steer you: on-device detection of manipulation techniques, a tamper-evident record, and a weekly influence report.',
    permissions: ['storage', 'offscreen', 'unlimitedStorage', 'alarms'],
    host_permissions: SUPPORTED_HOSTS.map((host) => `https://${host}/*`),
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
  },
  vite: () => ({
    plugins: [preact()],
    worker: { format: 'es' },
  }),
});
