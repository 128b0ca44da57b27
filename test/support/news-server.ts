/**
 * A local news site on 127.0.0.1 for the ingest tests: article pages in several house styles
 * (test/fixtures/pages/), plus the awkward cases a fetcher meets: redirects, a redirect loop, a
 * redirect to another scheme, 404, an image, a page over 5 MB, a slow page, plain text and Markdown.
 * Every request is counted, so a test can show that a refused fetch never reached the server.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const PAGES = join(import.meta.dirname, '..', 'fixtures', 'pages');

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export interface NewsServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Paths requested so far, in order. */
  requests: string[];
  /** The User-Agent of each request, in the same order. */
  userAgents: string[];
  close(): Promise<void>;
}

export async function startNewsServer(): Promise<NewsServer> {
  const requests: string[] = [];
  const userAgents: string[] = [];
  const page = (name: string) => readFileSync(join(PAGES, name));
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    userAgents.push(req.headers['user-agent'] ?? '');
    const send = (
      status: number,
      type: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    const html = 'text/html; charset=utf-8';
    const pages: Record<string, string> = {
      '/news/ohio-river-flood': 'wire.html',
      '/society/library-closures': 'british.html',
      '/2024/11/shared-ebikes-six-months/': 'blog.html',
      '/news/harbour-dredging': 'jsonld-only.html',
    };
    const redirect = /^\/redirect\/(\d+)$/.exec(path);
    if (pages[path]) return send(200, html, page(pages[path]));
    if (redirect) {
      const n = Number(redirect[1]);
      const location = n <= 1 ? '/news/ohio-river-flood' : `/redirect/${n - 1}`;
      return send(302, 'text/plain', '', { location });
    }
    switch (path) {
      case '/loop':
        return send(301, 'text/plain', '', { location: '/loop' });
      case '/to-file':
        return send(302, 'text/plain', '', { location: 'file:///etc/passwd' });
      case '/missing':
        return send(404, html, '<h1>Not found</h1>');
      case '/photo.png':
        return send(200, 'image/png', PNG);
      case '/story.txt':
        return send(
          200,
          'text/plain; charset=utf-8',
          'Ferry crews walk out over rotas\nFerry crews on the Ardley crossing walked out on Monday over new rotas.\nThe operator said services would resume on Wednesday.\n',
        );
      case '/story.md':
        return send(
          200,
          'text/markdown; charset=utf-8',
          '---\ntitle: Council approves cycle lanes\npublisher: Ardley Gazette\npublished: 2025-05-02\n---\n# Council approves cycle lanes\n\nThe council approved two new cycle lanes on Thursday.\n\nWork starts in June.\n',
        );
      case '/huge': {
        // 6 MB without a Content-Length: the limit must cut the stream off.
        res.writeHead(200, { 'content-type': html });
        const chunk = Buffer.alloc(64 * 1024, '<p>filler text </p>\n');
        let sent = 0;
        const pump = () => {
          while (sent < 6 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        return pump();
      }
      case '/huge-declared':
        res.writeHead(200, { 'content-type': html, 'content-length': String(6 * 1024 * 1024) });
        res.on('error', () => undefined);
        return res.write('<p>');
      case '/slow':
        res.writeHead(200, { 'content-type': html });
        res.write('<html><body><p>The first words arrive');
        return; // and the rest never does
      case '/empty':
        return send(
          200,
          html,
          '<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>',
        );
      default:
        return send(404, html, '<h1>Not found</h1>');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    userAgents,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
