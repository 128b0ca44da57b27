/**
 * How long the quotation book takes to build for a generated corpus, on first use (one blocking
 * call) and in slices as `Engine.prepare` builds it at start-up, with the longest time the event
 * loop was held between two timer ticks while slicing.
 *
 *     npx tsx scripts/bench/quote-book.ts [articles=10000]
 */
import { parseArticleFile } from '../../src/engine/corpus/files.ts';
import { QuoteBook } from '../../src/engine/quotes/book.ts';
import { generateArticles } from './generate-corpus.ts';

const count = Number(process.argv[2] ?? 10_000);
const articles = generateArticles({ articles: count }).map((g) =>
  parseArticleFile(g.file, Buffer.from(g.text)),
);

let start = performance.now();
const blocking = new QuoteBook(articles);
const firstUseMs = performance.now() - start;

let longestBlockMs = 0;
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  longestBlockMs = Math.max(longestBlockMs, now - last);
  last = now;
}, 1);
start = performance.now();
const sliced = await QuoteBook.build(articles);
const slicedMs = performance.now() - start;
clearInterval(ticker);

console.log(
  JSON.stringify({
    articles: count,
    quotations: sliced.quotes.length,
    same: sliced.quotes.length === blocking.quotes.length,
    firstUseMs: Math.round(firstUseMs),
    slicedMs: Math.round(slicedMs),
    longestBlockMs: Math.round(longestBlockMs),
  }),
);
