/**
 * Compares Byline's summaries with the article's opening (the lead-N baseline) and with PacSum's
 * directed centrality alone, on key facts.
 *
 * Each file in test/eval/summary-facts/ names an article and lists its key facts, each fact a list
 * of alternative strings (the shape `shared/eval/score summary` reads). For every article and length
 * it counts the facts the summary carries, the facts the first N body sentences carry and the facts
 * PacSum's top N sentences carry, N being the same sentence budget. Sentence similarity comes from
 * word vectors (as the bot runs) or from TF-IDF (`--tfidf`). Run on its own
 * (`npx tsx scripts/eval-summary.ts [--tfidf] [--missed]`) or from `npm run eval`, which prints both.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { bodySentences } from '../src/engine/summary/body.ts';
import { pacsumSelection } from '../src/engine/summary/centrality.ts';
import {
  DEFAULT_SUMMARY_OPTIONS,
  SUMMARY_LENGTHS,
  type SummaryLength,
  type SummaryOptions,
} from '../src/engine/summary/options.ts';
import { summarize } from '../src/engine/summary/summarize.ts';
import { DEFAULT_ANALYSIS } from '../src/engine/text/analysis.ts';
import { openWordVectors, type WordVectors } from '../src/engine/text/vectors.ts';

/** The project root: paths in fact files are relative to it. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the key-fact files are. */
export const FACTS_DIR = join(ROOT, 'test/eval/summary-facts');

const FactFileSchema = z.object({
  /** Read by shared/eval/score only (it summarises the newest article of that folder). */
  corpusDir: z.string().optional(),
  /** The article file, relative to the project root. */
  article: z.string().min(1),
  maxSentences: z.record(z.enum(['short', 'medium', 'long']), z.number().int().positive()),
  facts: z.array(z.object({ any: z.array(z.string().min(1)).min(1) })).min(1),
});

/** Facts covered by one selection of sentences. */
export interface Coverage {
  sentences: number;
  covered: number;
}

/** Names of the fact files written blind, by helpers who had seen neither the code nor a summary. */
export const BLIND_LIST = /^(set\d|heldout)-/;

/** Where the evaluation keeps the converted word vectors (the bot's default cache folder). */
const VECTORS_DIR = '.cache';

let cachedVectors: WordVectors | null | undefined;

/**
 * The word vectors the bot uses, converted into the cache folder on first use; null when not
 * installed. The one copy every evaluation (retrieval and summaries) and the summary bench read.
 */
export function evalWordVectors(): WordVectors | null {
  cachedVectors ??= openWordVectors(join(ROOT, VECTORS_DIR), DEFAULT_ANALYSIS);
  return cachedVectors;
}

/** One article at one length: Byline's summary against the lead and PacSum baselines. */
export interface SummaryEvaluation {
  /** The fact file's name without `.json`. */
  name: string;
  length: SummaryLength;
  maxSentences: number;
  facts: number;
  byline: Coverage;
  lead: Coverage;
  /** PacSum alone: the N sentences of highest directed centrality. */
  pacsum: Coverage;
  /** Facts Byline's summary misses, by their first alternative (for reading the results). */
  missed: string[];
}

/** Case, quote style, dashes and spacing ignored, as shared/eval/score compares. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function covers(text: string, alternatives: readonly string[]): boolean {
  const haystack = normalize(text);
  return alternatives.some((a) => haystack.includes(normalize(a)));
}

/**
 * Evaluates every fact file in `dir` (default {@link FACTS_DIR}), in file-name order. `options` are
 * passed to `summarize`; their `wordVectors` also serve PacSum.
 */
export async function evaluateSummaries(
  dir: string = FACTS_DIR,
  options: Partial<SummaryOptions> = {},
): Promise<SummaryEvaluation[]> {
  const opts = { ...DEFAULT_SUMMARY_OPTIONS, ...options };
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const rows: SummaryEvaluation[] = [];
  for (const file of files) {
    const parsed = FactFileSchema.safeParse(JSON.parse(await readFile(join(dir, file), 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    const spec = parsed.data;
    const path = resolve(ROOT, spec.article);
    const article = parseArticleFile(basename(path), await readFile(path));
    const opening = bodySentences(article).map((s) => s.text);
    for (const length of Object.keys(SUMMARY_LENGTHS) as SummaryLength[]) {
      const max = spec.maxSentences[length] ?? SUMMARY_LENGTHS[length];
      const chosen = summarize(article, { ...options, length }).sentences.map((s) => s.text);
      const lead = opening.slice(0, max);
      const pacsum = pacsumSelection(opening, max, opts.wordVectors, opts).map((i) => opening[i]!);
      const count = (texts: string[]) => spec.facts.filter((f) => covers(texts.join(' '), f.any)).length;
      rows.push({
        name: basename(file, '.json'),
        length,
        maxSentences: max,
        facts: spec.facts.length,
        byline: { sentences: chosen.length, covered: count(chosen) },
        lead: { sentences: lead.length, covered: count(lead) },
        pacsum: { sentences: pacsum.length, covered: count(pacsum) },
        missed: spec.facts.filter((f) => !covers(chosen.join(' '), f.any)).map((f) => f.any[0]!),
      });
    }
  }
  return rows;
}

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');

/** Facts covered in all, per length, by each system. */
export function summaryTotals(
  rows: readonly SummaryEvaluation[],
): { length: SummaryLength; facts: number; byline: number; lead: number; pacsum: number }[] {
  return (Object.keys(SUMMARY_LENGTHS) as SummaryLength[]).map((length) => {
    const of = rows.filter((r) => r.length === length);
    const sum = (pick: (r: SummaryEvaluation) => number) => of.reduce((n, r) => n + pick(r), 0);
    return {
      length,
      facts: sum((r) => r.facts),
      byline: sum((r) => r.byline.covered),
      lead: sum((r) => r.lead.covered),
      pacsum: sum((r) => r.pacsum.covered),
    };
  });
}

/**
 * The evaluation as a Markdown table: key facts covered by the lead baseline, by PacSum alone and by
 * Byline's summary, per article and length (a ↓ marks Byline below the lead), then totals per length.
 */
export function formatSummaryEvaluation(rows: readonly SummaryEvaluation[]): string {
  const lines = ['| article | length | lead-N | PacSum alone | Byline |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const below = r.byline.covered < r.lead.covered ? ' ↓' : '';
    lines.push(
      `| ${r.name} | ${r.length} (${r.maxSentences}) | ${r.lead.covered}/${r.facts} | ${r.pacsum.covered}/${r.facts} | ${r.byline.covered}/${r.facts}${below} |`,
    );
  }
  lines.push('', formatSummaryTotals(rows));
  return lines.join('\n');
}

/** Totals per length, and over all lengths, as a Markdown table. */
export function formatSummaryTotals(rows: readonly SummaryEvaluation[]): string {
  const articles = new Set(rows.map((r) => r.name)).size;
  const totals = summaryTotals(rows);
  const all = totals.reduce(
    (a, t) => ({
      facts: a.facts + t.facts,
      byline: a.byline + t.byline,
      lead: a.lead + t.lead,
      pacsum: a.pacsum + t.pacsum,
    }),
    { facts: 0, byline: 0, lead: 0, pacsum: 0 },
  );
  const cell = (n: number, of: number) => `${n}/${of} (${pct(n, of)})`;
  const lines = [
    `| all ${articles} articles | lead-N | PacSum alone | Byline | Byline over lead |`,
    '|---|---|---|---|---|',
  ];
  for (const t of [
    ...totals.map((t) => ({ ...t, label: `${t.length} (${SUMMARY_LENGTHS[t.length]})` })),
    { ...all, label: 'all lengths' },
  ]) {
    lines.push(
      `| ${t.label} | ${cell(t.lead, t.facts)} | ${cell(t.pacsum, t.facts)} | **${cell(t.byline, t.facts)}** | ${t.lead ? `+${Math.round((100 * (t.byline - t.lead)) / t.lead)}%` : '–'} |`,
    );
  }
  const below = rows.filter((r) => r.byline.covered < r.lead.covered);
  lines.push(
    '',
    below.length
      ? `Byline below lead-N: ${below.map((r) => `${r.name} ${r.length} (${r.byline.covered} < ${r.lead.covered})`).join('; ')}.`
      : 'Byline is at least lead-N on every article at every length.',
  );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tfidf = process.argv.includes('--tfidf');
  const rows = await evaluateSummaries(FACTS_DIR, { wordVectors: tfidf ? null : evalWordVectors() });
  if (process.argv.includes('--missed')) {
    for (const r of rows)
      if (r.missed.length) console.log(`${r.name} ${r.length} missed: ${r.missed.join(' | ')}`);
  }
  console.log(process.argv.includes('--totals') ? formatSummaryTotals(rows) : formatSummaryEvaluation(rows));
}
