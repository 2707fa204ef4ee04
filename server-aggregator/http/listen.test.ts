import { Agent, createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, stopListening } from './listen.ts';

describe('listen / stopListening', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('lets a request in flight finish, refuses new connections, and does not wait for idle keep-alives', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    server = createServer((req, res) => {
      if (req.url === '/slow') {
        void slow.then(() => res.end('finished'));
      } else {
        res.end('quick');
      }
    });
    const { port } = await listen(server, 0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);

    // An idle keep-alive connection left open by an earlier request.
    const keepAlive = new Agent({ keepAlive: true });
    expect(await get(port, '/quick', keepAlive)).toBe('quick');

    const inFlight = get(port, '/slow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const stopped = stopListening(server, 5_000);
    await expect(get(port, '/quick')).rejects.toThrow(/ECONNREFUSED/);

    release();
    expect(await inFlight).toBe('finished');
    await stopped;
    // Well under the keep-alive timeout (5 s) and the grace period.
    expect(performance.now() - started).toBeLessThan(1_000);
    keepAlive.destroy();
  });

  it('cuts a request still running when the grace period ends', async () => {
    server = createServer(() => {
      // never answers
    });
    const { port } = await listen(server, 0, '127.0.0.1');
    const hanging = get(port, '/forever');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stopListening(server, 100);
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('reports a port already in use', async () => {
    server = createServer();
    const { port } = await listen(server, 0, '127.0.0.1');
    const second = createServer();
    await expect(listen(second, port, '127.0.0.1')).rejects.toThrow(
      `cannot listen on 127.0.0.1:${port}: listen EADDRINUSE`,
    );
  });
});

function get(port: number, path: string, agent?: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: agent ?? false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve(text));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
