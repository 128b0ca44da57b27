/**
 * How long one summary takes: every length of the seed article, and of a 60-paragraph article made
 * of the evaluation articles' paragraphs, with word vectors when installed (as the bot runs) and
 * with TF-IDF alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile } from '../../src/engine/corpus/files.ts';
import { SUMMARY_LENGTHS, type SummaryLength } from '../../src/engine/summary/options.ts';
import { summarize } from '../../src/engine/summary/summarize.ts';
import type { Article } from '../../src/engine/types.ts';
import { evalWordVectors } from '../eval-summary.ts';

/** Summaries timed per article and variant, after as many untimed ones. */
const RUNS = 60;
const LONG_ARTICLE_PARAGRAPHS = 60;

function articlesIn(dir: string): Article[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => parseArticleFile(f, readFileSync(join(dir, f))));
}

/** A 60-paragraph article: the paragraphs of the evaluation articles, in turn, under one headline. */
function longArticle(): Article {
  const paragraphs = ['test/eval/articles', 'test/eval/corpus']
    .flatMap(articlesIn)
    .flatMap((a) => a.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text))
    .slice(0, LONG_ARTICLE_PARAGRAPHS);
  if (paragraphs.length < LONG_ARTICLE_PARAGRAPHS)
    throw new Error('bench: too few paragraphs for the long article');
  const text = `---\ntitle: Sixty paragraphs\npublisher: Bench\npublished: 2026-01-01\n---\n${paragraphs.join('\n\n')}\n`;
  return parseArticleFile('long.txt', new TextEncoder().encode(text));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds per summary, over the three lengths in turn. */
function time(article: Article, wordVectors: ReturnType<typeof evalWordVectors>): number {
  const lengths = Object.keys(SUMMARY_LENGTHS) as SummaryLength[];
  const run = (i: number) => summarize(article, { length: lengths[i % lengths.length]!, wordVectors });
  for (let i = 0; i < RUNS; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Prints the summary timings as a Markdown table. */
export function benchSummaries(): void {
  const vectors = evalWordVectors();
  const seed = articlesIn('corpus')[0]!;
  const long = longArticle();
  console.log('| article | word vectors | TF-IDF only |');
  console.log('|---|---|---|');
  for (const [name, article] of [
    ['seed', seed],
    [`${LONG_ARTICLE_PARAGRAPHS} paragraphs`, long],
  ] as const) {
    const withVectors = vectors ? `${time(article, vectors).toFixed(2)} ms` : 'not installed';
    console.log(`| ${name} | ${withVectors} | ${time(article, null).toFixed(2)} ms |`);
  }
}
