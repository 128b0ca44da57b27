/**
 * Quotation evaluation: how many of a set's hand-annotated quotations Byline finds (recall), how
 * many of those it attributes to the right speaker (attribution accuracy) and with the role the
 * article gives, how many quotations it returns that the annotation does not hold (extras), and how
 * many of the set's distractors (scare quotes, pull quotes, other stories' headlines) it returns as
 * quotations. Used by `npm run eval`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCorpus } from '../src/engine/corpus/files.ts';
import { extractQuotes } from '../src/engine/quotes/extract.ts';
import type { Quote } from '../src/engine/types.ts';
import { comparableText } from './eval-ask.ts';

export const QUOTES_SET = 'test/eval/quotes-set';
/** Blind sets: articles in house styles the engine was not written for (issue 17). */
export const QUOTES_SET2 = 'test/eval/quotes-set2';
export const QUOTES_SET4 = 'test/eval/set4';

const QuoteSet = z.object({
  quotes: z.array(
    z.object({
      id: z.string(),
      /** The corpus file the quotation is in. */
      article: z.string(),
      /** Words of the quotation; a returned quotation containing them is the one. */
      fragment: z.string(),
      /** Words of the quotation's other part, across its attribution or a paragraph break. */
      other_part: z.string().optional(),
      /** Names any of which the returned speaker must contain; empty when no speaker is named. */
      speaker: z.array(z.string()),
      /** The role as the article words it; empty or absent when it gives none. */
      role: z.string().optional(),
      /** Other acceptable wordings of the role. */
      role_alt: z.array(z.string()).optional(),
    }),
  ),
  /** Quoted words that are not quotations: returning one is an error. */
  distractors: z.array(z.object({ article: z.string(), text: z.string() })).default([]),
});
type GoldQuote = z.infer<typeof QuoteSet>['quotes'][number];

export interface QuoteFigures {
  /** Annotated quotations. */
  gold: number;
  /** Annotated quotations a returned quotation contains. */
  found: number;
  /** Found quotations with the right speaker (or rightly unattributed). */
  attributed: number;
  /** Found quotations whose annotation gives a role. */
  withRole: number;
  /** Of those, the ones returned with that role (the annotated role or an alternative within it). */
  roleRight: number;
  /** Returned quotations that contain no annotated fragment, or repeat one already returned. */
  extra: number;
  /** Distractors annotated, and returned as quotations. */
  distractors: number;
  distractorsExtracted: number;
  /** found / gold. */
  recall: number;
  /** attributed / found. */
  attributionAccuracy: number;
  /** Ids missed, and wrong speakers, for reading the figures. */
  misses: string[];
  /** Ids with a missing or wrong role, for reading the figures. */
  roleMisses: string[];
  /** Extra quotations returned, for reading the figures. */
  extras: string[];
}

/** A role compared without its leading article: "the health secretary" is "health secretary". */
const comparableRole = (role: string) => comparableText(role).replace(/^(the|a|an) /, '');

/** Whether a returned quotation is this annotated one (contains its fragment or its other part). */
function isQuotation(q: Quote, g: GoldQuote): boolean {
  const text = comparableText(q.text);
  return (
    text.includes(comparableText(g.fragment)) ||
    (!!g.other_part && text.includes(comparableText(g.other_part)))
  );
}

/** Scores quotation extraction and attribution on an annotated set (`quotes.json` and `corpus/`). */
export async function evaluateQuotes(dir = QUOTES_SET): Promise<QuoteFigures> {
  const { quotes: gold, distractors } = QuoteSet.parse(
    JSON.parse(readFileSync(join(dir, 'quotes.json'), 'utf8')),
  );
  const articles = await loadCorpus(join(dir, 'corpus'));
  const returned = new Map<string, Quote[]>(articles.map((a) => [a.file, extractQuotes(a)]));
  let found = 0;
  let attributed = 0;
  let withRole = 0;
  let roleRight = 0;
  const misses: string[] = [];
  const roleMisses: string[] = [];
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
    if (g.role) {
      withRole++;
      const got = comparableRole(quote.role ?? '');
      if ([g.role, ...(g.role_alt ?? [])].some((r) => got.includes(comparableRole(r)))) roleRight++;
      else roleMisses.push(`${g.id}(role "${quote.role ?? 'none'}")`);
    }
  }
  const extras: string[] = [];
  const extraQuotes: { file: string; text: string }[] = [];
  for (const [file, quotes] of returned) {
    const own = gold.filter((g) => g.article === file);
    const claimed = new Set<GoldQuote>();
    for (const q of quotes) {
      const g = own.find((o) => isQuotation(q, o));
      if (g && !claimed.has(g)) {
        claimed.add(g);
        continue;
      }
      extraQuotes.push({ file, text: q.text });
      extras.push(`${file}: "${q.text.slice(0, 50)}"`);
    }
  }
  const distractorsExtracted = distractors.filter((d) =>
    extraQuotes.some((q) => q.file === d.article && comparableText(q.text).includes(comparableText(d.text))),
  ).length;
  return {
    gold: gold.length,
    found,
    attributed,
    withRole,
    roleRight,
    extra: extraQuotes.length,
    distractors: distractors.length,
    distractorsExtracted,
    recall: gold.length ? found / gold.length : 0,
    attributionAccuracy: found ? attributed / found : 0,
    misses,
    roleMisses,
    extras,
  };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The figures as a Markdown table (the README carries it). */
export function formatQuotes(f: QuoteFigures): string {
  return [
    '| quotations | found (recall) | right speaker (attribution accuracy) | right role | extra quotations | distractors returned |',
    '|---|---|---|---|---|---|',
    `| ${f.gold} | ${f.found} (${pct(f.recall)}) | ${f.attributed} of ${f.found} (${pct(f.attributionAccuracy)}) | ${f.roleRight} of ${f.withRole} | ${f.extra} | ${f.distractorsExtracted} of ${f.distractors} |`,
  ].join('\n');
}

/** The misses of a run, one kind a line, for reading the figures. */
export function formatQuoteMisses(f: QuoteFigures): string {
  return [
    f.misses.length ? `Missed or misattributed: ${f.misses.join(' ')}` : '',
    f.roleMisses.length ? `Role missing or wrong: ${f.roleMisses.join(' ')}` : '',
    f.extras.length ? `Extra: ${f.extras.join(' · ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
