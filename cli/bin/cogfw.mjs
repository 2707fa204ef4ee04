#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles them on load, so a clean clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
await main();
