/**
 * The bot's health and metrics over HTTP, when HEALTH_PORT is set: `/healthz` answers 200 when the
 * gateway is connected and the index loaded, 503 with the reasons otherwise (for Docker's HEALTHCHECK
 * or an orchestrator's probe); `/metrics` is the Prometheus text format of ./metrics.ts.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './metrics.ts';

/** What /healthz reports, as JSON. */
export interface Health {
  ok: boolean;
  /** The gateway connection: `ready`, or the state it is in instead. */
  gateway: string;
  /** Articles in the loaded index, or null while it loads. */
  articles: number | null;
  /** Why the bot is not healthy; empty when it is. */
  reasons: string[];
}

export interface HealthServer {
  /** Base URL, e.g. `http://127.0.0.1:9090`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the server on `port` (0: any free port) on every interface. */
export async function startHealthServer(
  port: number,
  health: () => Health,
  metrics: BotMetrics,
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/healthz') {
      const report = health();
      res
        .writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(report));
    } else if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Byline serves /healthz and /metrics\n');
    }
  });
  server.listen(port);
  await once(server, 'listening');
  // The gateway keeps the bot's process alive; this server alone must not, if start-up fails.
  server.unref();
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
