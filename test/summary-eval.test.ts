import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSummaries, FACTS_DIR, formatSummaryEvaluation } from '../scripts/eval-summary.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';

interface FactFile {
  article: string;
  maxSentences: Record<string, number>;
  facts: { any: string[] }[];
}

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();

describe('summary key facts', () => {
  const files = readdirSync(FACTS_DIR).filter((f) => f.endsWith('.json'));

  it('covers the seed and at least four invented articles', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(
      readdirSync('test/eval/articles').filter((f) => /\.(txt|md)$/.test(f)).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s lists only facts that a sentence of its article carries', (file) => {
    const spec = JSON.parse(readFileSync(join(FACTS_DIR, file), 'utf8')) as FactFile;
    expect(spec.maxSentences).toEqual({ short: 3, medium: 5, long: 8 });
    const article = parseArticleFile(basename(spec.article), readFileSync(spec.article));
    const body = norm(
      article.blocks
        .filter((b) => b.kind === 'paragraph')
        .map((b) => b.text)
        .join(' '),
    );
    for (const fact of spec.facts)
      expect(
        fact.any.some((a) => body.includes(norm(a))),
        fact.any[0],
      ).toBe(true);
  });

  it('compares every article at every length with its opening of the same length', async () => {
    const rows = await evaluateSummaries();
    expect(rows).toHaveLength(files.length * 3);
    for (const r of rows) {
      expect(r.byline.sentences).toBeLessThanOrEqual(r.maxSentences);
      expect(r.lead.sentences).toBe(r.maxSentences);
      expect(r.byline.covered).toBeLessThanOrEqual(r.facts);
    }
    const lines = formatSummaryEvaluation(rows).split('\n');
    expect(lines[0]).toBe('| article | length | lead-N | PacSum alone | Byline |');
    expect(
      lines.slice(2, 2 + rows.length).every((l) => /^\| \S+ \| (short|medium|long) \(\d\) \|/.test(l)),
    ).toBe(true);
    expect(
      lines
        .filter((l) => /^\| (short|medium|long) \(\d\) \||^\| all lengths \|/.test(l))
        .map((l) => l.replace(/\d+/g, 'N')),
    ).toEqual([
      '| short (N) | N/N (N%) | N/N (N%) | **N/N (N%)** | +N% |',
      '| medium (N) | N/N (N%) | N/N (N%) | **N/N (N%)** | +N% |',
      '| long (N) | N/N (N%) | N/N (N%) | **N/N (N%)** | +N% |',
      '| all lengths | N/N (N%) | N/N (N%) | **N/N (N%)** | +N% |',
    ]);
  });
});
