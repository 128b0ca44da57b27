/**
 * Compares Byline's summaries with the article's opening (the lead-N baseline) on key facts.
 *
 * Each file in test/eval/summary-facts/ names an article and lists its key facts, each fact a list
 * of alternative strings (the shape `shared/eval/score summary` reads). For every article and length
 * it counts the facts the summary carries and the facts the first N body sentences carry, N being the
 * same sentence budget. Run on its own (`npx tsx scripts/eval-summary.ts`) or from `npm run eval`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { bodySentences } from '../src/engine/summary/body.ts';
import { SUMMARY_LENGTHS, type SummaryLength } from '../src/engine/summary/options.ts';
import { summarize } from '../src/engine/summary/summarize.ts';

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

/** One article at one length: Byline's summary against the lead baseline. */
export interface SummaryEvaluation {
  /** The fact file's name without `.json`. */
  name: string;
  length: SummaryLength;
  maxSentences: number;
  facts: number;
  byline: Coverage;
  lead: Coverage;
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

/** Evaluates every fact file in `dir` (default {@link FACTS_DIR}), in file-name order. */
export async function evaluateSummaries(dir: string = FACTS_DIR): Promise<SummaryEvaluation[]> {
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
      const chosen = summarize(article, { length }).sentences.map((s) => s.text);
      const lead = opening.slice(0, max);
      const count = (texts: string[]) => spec.facts.filter((f) => covers(texts.join(' '), f.any)).length;
      rows.push({
        name: basename(file, '.json'),
        length,
        maxSentences: max,
        facts: spec.facts.length,
        byline: { sentences: chosen.length, covered: count(chosen) },
        lead: { sentences: lead.length, covered: count(lead) },
        missed: spec.facts.filter((f) => !covers(chosen.join(' '), f.any)).map((f) => f.any[0]!),
      });
    }
  }
  return rows;
}

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');

/**
 * The evaluation as a Markdown table: key facts covered by Byline's summary and by the lead
 * baseline, per article and length, then totals per length.
 */
export function formatSummaryEvaluation(rows: readonly SummaryEvaluation[]): string {
  const lines = ['| article | length | Byline | lead-N (first N sentences) |', '|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.length} (${r.maxSentences}) | ${r.byline.covered}/${r.facts} | ${r.lead.covered}/${r.facts} |`,
    );
  }
  const articles = new Set(rows.map((r) => r.name)).size;
  for (const length of Object.keys(SUMMARY_LENGTHS) as SummaryLength[]) {
    const of = rows.filter((r) => r.length === length);
    const facts = of.reduce((n, r) => n + r.facts, 0);
    const byline = of.reduce((n, r) => n + r.byline.covered, 0);
    const lead = of.reduce((n, r) => n + r.lead.covered, 0);
    lines.push(
      `| **all ${articles} articles** | ${length} (${SUMMARY_LENGTHS[length]}) | **${byline}/${facts} (${pct(byline, facts)})** | ${lead}/${facts} (${pct(lead, facts)}) |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await evaluateSummaries();
  if (process.argv.includes('--missed')) {
    for (const r of rows)
      if (r.missed.length) console.log(`${r.name} ${r.length} missed: ${r.missed.join(' | ')}`);
  }
  console.log(formatSummaryEvaluation(rows));
}
