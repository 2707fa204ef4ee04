import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One connection attempt that reached the proxy, i.e. got past every interception layer. */
export interface SinkRecord {
  /** `CONNECT host:port` for TLS and WebSocket tunnels, else the method and absolute URL. */
  target: string;
  host: string;
  time: number;
}

export interface NetworkSink {
  /** `--proxy-server` value for Chromium. */
  proxyServer: string;
  records: SinkRecord[];
  close(): Promise<void>;
}

/** Host of an absolute URL (plain HTTP through the proxy) or of a `host:port` authority (CONNECT). */
function hostOf(urlOrAuthority: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrAuthority);
  try {
    return new URL(absolute ? urlOrAuthority : `http://${urlOrAuthority}`).hostname;
  } catch {
    return urlOrAuthority;
  }
}

/**
 * A local HTTP proxy that refuses every request and remembers it. Chromium is started with it as its only
 * route to the network (loopback included), so nothing the browser, the extension or a page does can leave
 * the machine: traffic that slips past request interception (WebSockets, Chromium's own service calls)
 * ends here, refused, and is reported.
 */
export async function startNetworkSink(): Promise<NetworkSink> {
  const records: SinkRecord[] = [];
  const server: Server = createServer((request, response) => {
    const target = `${request.method ?? 'GET'} ${request.url ?? ''}`;
    records.push({ target, host: hostOf(request.url ?? ''), time: Date.now() });
    response.writeHead(403, { 'content-type': 'text/plain' });
    response.end('blocked by the test network sink');
  });
  server.on('connect', (request, socket) => {
    const authority = request.url ?? '';
    records.push({ target: `CONNECT ${authority}`, host: hostOf(authority), time: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    proxyServer: `http://127.0.0.1:${port}`,
    records,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
