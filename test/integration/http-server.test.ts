import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/observability/metrics.js';
import { closeServer, createHttpServer, listen, sendJson } from '../../src/http/server.js';
import type { Server } from 'node:http';

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
});

async function start(opts: Partial<Parameters<typeof createHttpServer>[0]> = {}) {
  const metrics = createMetrics();
  metrics.designs.inc({ engine: 'offline', outcome: 'ok' });
  server = createHttpServer({ metrics: metrics.registry, ready: async () => true, ...opts });
  const port = await listen(server, 0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

describe('http server', () => {
  it('serves health, readiness and Prometheus metrics', async () => {
    const base = await start();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ok: true });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('ia_designs_total{engine="offline",outcome="ok"} 1');
  });

  it('reports not ready when dependencies are down', async () => {
    const base = await start({ ready: async () => false });
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('routes /slack/* to the Slack listener and prefixes to their handlers; 404 otherwise', async () => {
    const seen: string[] = [];
    const base = await start({
      slack: (req, res) => {
        seen.push(req.url ?? '');
        res.end('slack');
      },
      routes: { '/sandbox': (_req, res, url) => sendJson(res, 200, { path: url.pathname }) },
    });
    expect(await (await fetch(`${base}/slack/events`, { method: 'POST' })).text()).toBe('slack');
    expect(seen).toEqual(['/slack/events']);
    expect(await (await fetch(`${base}/sandbox/api/state`)).json()).toEqual({ path: '/sandbox/api/state' });
    expect((await fetch(`${base}/sandboxes`)).status).toBe(404);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('turns a throwing handler into a 500 without crashing', async () => {
    const errors: unknown[] = [];
    const base = await start({
      routes: { '/boom': () => Promise.reject(new Error('x')) },
      onError: (e) => errors.push(e),
    });
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(errors).toHaveLength(1);
  });
});
