/**
 * Quotation evaluation: how many of the hand-annotated quotations of test/eval/quotes-set Byline
 * finds (recall), how many of those it attributes to the right speaker (attribution accuracy), and
 * how many quotations it returns that the annotation does not hold (extras). Used by `npm run eval`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCorpus } from '../src/engine/corpus/files.ts';
import { extractQuotes } from '../src/engine/quotes/extract.ts';
import type { Quote } from '../src/engine/types.ts';
import { comparableText } from './eval-ask.ts';

export const QUOTES_SET = 'test/eval/quotes-set';

const QuoteSet = z.object({
  quotes: z.array(
    z.object({
      id: z.string(),
      /** The corpus file the quotation is in. */
      article: z.string(),
      /** Words of the quotation; a returned quotation containing them is the one. */
      fragment: z.string(),
      /** Names any of which the returned speaker must contain; empty when no speaker is named. */
      speaker: z.array(z.string()),
    }),
  ),
});

export interface QuoteFigures {
  /** Annotated quotations. */
  gold: number;
  /** Annotated quotations a returned quotation contains. */
  found: number;
  /** Found quotations with the right speaker (or rightly unattributed). */
  attributed: number;
  /** Returned quotations that contain no annotated fragment. */
  extra: number;
  /** found / gold. */
  recall: number;
  /** attributed / found. */
  attributionAccuracy: number;
  /** Ids missed, and wrong speakers, for reading the figures. */
  misses: string[];
}

/** Scores quotation extraction and attribution on the project's annotated set. */
export async function evaluateQuotes(dir = QUOTES_SET): Promise<QuoteFigures> {
  const { quotes: gold } = QuoteSet.parse(JSON.parse(readFileSync(join(dir, 'quotes.json'), 'utf8')));
  const articles = await loadCorpus(join(dir, 'corpus'));
  const returned = new Map<string, Quote[]>(articles.map((a) => [a.file, extractQuotes(a)]));
  let found = 0;
  let attributed = 0;
  const misses: string[] = [];
  for (const g of gold) {
    const fragment = comparableText(g.fragment);
    const quote = returned.get(g.article)?.find((q) => comparableText(q.text).includes(fragment));
    if (!quote) {
      misses.push(`${g.id}(not found)`);
      continue;
    }
    found++;
    const right =
      g.speaker.length === 0
        ? quote.speaker === null
        : g.speaker.some((s) => comparableText(quote.speaker ?? '').includes(comparableText(s)));
    if (right) attributed++;
    else misses.push(`${g.id}(speaker "${quote.speaker ?? 'unattributed'}")`);
  }
  let extra = 0;
  for (const [file, quotes] of returned) {
    const fragments = gold.filter((g) => g.article === file).map((g) => comparableText(g.fragment));
    extra += quotes.filter((q) => !fragments.some((f) => comparableText(q.text).includes(f))).length;
  }
  return {
    gold: gold.length,
    found,
    attributed,
    extra,
    recall: gold.length ? found / gold.length : 0,
    attributionAccuracy: found ? attributed / found : 0,
    misses,
  };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The figures as a Markdown table (the README carries it). */
export function formatQuotes(f: QuoteFigures): string {
  return [
    '| quotations | found (recall) | right speaker (attribution accuracy) | extra quotations |',
    '|---|---|---|---|',
    `| ${f.gold} | ${f.found} (${pct(f.recall)}) | ${f.attributed} of ${f.found} (${pct(f.attributionAccuracy)}) | ${f.extra} |`,
  ].join('\n');
}
