import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';

type NodeServer = HttpServer | Http2Server | Http2SecureServer;

/** How long stopListening() lets requests in flight finish before cutting their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Listens and resolves with the address actually bound (port 0 becomes the port the system chose). */
export function listen(server: NodeServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error(`unexpected listening address ${String(address)}`));
      } else {
        resolve(address);
      }
    });
  });
}

/**
 * Refuses new connections, drops idle keep-alive ones at once (else close would wait for their timeout),
 * lets busy ones finish their request, and cuts whatever is left after the grace period.
 */
export function stopListening(server: NodeServer, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, graceMs);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
