import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * The one HTTP server: health and metrics for operators, the sandbox page for newcomers, and everything
 * under /slack/ handed to Bolt's receiver (which verifies signatures, enforces the body limit and acks).
 */

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface HttpServerOptions {
  slack?: RequestListener;
  metrics: Registry;
  /** Resolves when dependencies (database, queue) are usable. */
  ready: () => Promise<boolean>;
  /** Extra routes by path prefix, e.g. the sandbox page. */
  routes?: Record<string, RouteHandler>;
  onError?: (error: unknown) => void;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createHttpServer(options: HttpServerOptions): Server {
  const routes = Object.entries(options.routes ?? {}).sort((a, b) => b[0].length - a[0].length);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const fail = (error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    };
    try {
      if (path === '/healthz') return sendJson(res, 200, { ok: true });
      if (path === '/readyz') {
        options
          .ready()
          .then((ok) => sendJson(res, ok ? 200 : 503, { ok }))
          .catch(() => sendJson(res, 503, { ok: false }));
        return;
      }
      if (path === '/metrics') {
        options.metrics
          .metrics()
          .then((text) => {
            res.writeHead(200, { 'content-type': options.metrics.contentType });
            res.end(text);
          })
          .catch(fail);
        return;
      }
      if (path.startsWith('/slack/') && options.slack) return options.slack(req, res);
      for (const [prefix, handler] of routes) {
        if (path === prefix || path.startsWith(`${prefix}/`)) {
          Promise.resolve(handler(req, res, url)).catch(fail);
          return;
        }
      }
      if (path === '/') {
        res.writeHead(302, { location: routes.some(([p]) => p === '/sandbox') ? '/sandbox' : '/healthz' });
        res.end();
        return;
      }
      sendJson(res, 404, { ok: false, error: 'not_found' });
    } catch (error) {
      fail(error);
    }
  });
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
