/**
 * Per-server collections, two designs measured on the same generated corpus: shared articles plus
 * `perServer` articles in each of `servers` servers.
 *
 * - `one-index`: one Engine over every article; each server asks through `engine.forServer(id)`, a
 *   view whose searches are filtered to the shared articles and the server's own (what Byline does).
 * - `per-collection`: one Engine (one MiniSearch) for the shared articles and one per server; a
 *   server's question asks both and merges the hits by score.
 *
 *   node --expose-gc --import tsx scripts/bench/servers.ts one-index [servers] [perServer] [shared]
 *
 * Prints one JSON line: articles, parse and build times, RSS after building, and /ask times (the
 * first question of each server, which pays for its view, and the same questions again).
 */
import { parseArticleFile } from '../../src/engine/corpus/files.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { Answer, Article } from '../../src/engine/types.ts';
import { generateArticles, questionsFor, random, type GeneratedArticle } from './generate-corpus.ts';

const [design = 'one-index', servers = '1000', perServer = '20', shared = '1000'] = process.argv.slice(2);
const SERVERS = Number(servers);
const PER_SERVER = Number(perServer);
const SHARED = Number(shared);
const QUESTIONS = 300;

const serverId = (i: number) => String(1_200_000_000_000_000_000n + BigInt(i));
const rssMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
};
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};

const rssStart = rssMb();
let t = process.hrtime.bigint();
const sharedGen = generateArticles({ articles: SHARED, seed: 7 });
const serverGen = generateArticles({ articles: SERVERS * PER_SERVER, seed: 8 });
const bytes = (g: GeneratedArticle) => Buffer.from(g.text);
const sharedArticles = sharedGen.map((g) => parseArticleFile(g.file, bytes(g)));
const byServer = new Map<string, Article[]>();
const serverGenBy = new Map<string, GeneratedArticle[]>();
serverGen.forEach((g, i) => {
  const id = serverId(Math.floor(i / PER_SERVER));
  const article = parseArticleFile(`servers/${id}/${g.file}`, bytes(g));
  byServer.set(id, [...(byServer.get(id) ?? []), article]);
  serverGenBy.set(id, [...(serverGenBy.get(id) ?? []), g]);
});
const parseMs = ms(t);

t = process.hrtime.bigint();
let ask: (server: string, question: string) => Answer;
if (design === 'one-index') {
  const engine = new Engine([...sharedArticles, ...[...byServer.values()].flat()]);
  ask = (server, question) => engine.forServer(server).ask(question);
} else if (design === 'per-collection') {
  const sharedEngine = new Engine(sharedArticles);
  const engines = new Map([...byServer].map(([id, articles]) => [id, new Engine(articles)]));
  ask = (server, question) => {
    const a = sharedEngine.ask(question);
    const b = engines.get(server)!.ask(question);
    const hits = [...a.hits, ...b.hits].sort((x, y) => y.score - x.score).slice(0, 5);
    return { question, hits, unknownTerms: hits.length ? [] : a.unknownTerms };
  };
} else {
  throw new Error(`unknown design ${design}: one-index or per-collection`);
}
const buildMs = ms(t);
const rssAfterBuild = rssMb();

// Questions from a server's own articles and from the shared ones, asked in that server.
const next = random(3);
const asks: [string, string][] = [];
for (let i = 0; i < QUESTIONS; i++) {
  const server = serverId(Math.floor(next() * SERVERS));
  const pool = i % 2 === 0 ? serverGenBy.get(server)! : sharedGen;
  asks.push([server, questionsFor(pool, 1, i)[0]!]);
}
const first: number[] = [];
let answered = 0;
for (const [server, question] of asks) {
  const start = process.hrtime.bigint();
  if (ask(server, question).hits.length) answered++;
  first.push(ms(start));
}
const again: number[] = [];
for (const [server, question] of asks) {
  const start = process.hrtime.bigint();
  ask(server, question);
  again.push(ms(start));
}

console.log(
  JSON.stringify({
    design,
    articles: SHARED + SERVERS * PER_SERVER,
    servers: SERVERS,
    parseS: Math.round(parseMs / 100) / 10,
    buildS: Math.round(buildMs / 100) / 10,
    rssStartMb: rssStart,
    rssAfterBuildMb: rssAfterBuild,
    askFirstMs: { p50: percentile(first, 50), p99: percentile(first, 99) },
    askAgainMs: { p50: percentile(again, 50), p99: percentile(again, 99) },
    answered: `${answered}/${QUESTIONS}`,
    rssAfterAsksMb: rssMb(),
  }),
);
