/**
 * Article metadata evaluation: for pasted articles without front matter, whether Byline takes the
 * headline as the title and reads the publication date and the publisher from the text, as a reader
 * would, and leaves unknown what the text does not give. Used by `npm run eval`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCorpus } from '../src/engine/corpus/files.ts';
import { comparableText } from './eval-ask.ts';

export const METADATA_SET = 'test/eval/quotes-set2';

const MetadataSet = z.object({
  articles: z.array(
    z.object({
      file: z.string(),
      /** The headline exactly as pasted. */
      title: z.string(),
      /** YYYY-MM-DD, or null when the text gives no date. */
      published: z.string().nullable(),
      /** The outlet, or null when the text never names it. */
      publisher: z.string().nullable(),
      publisher_alt: z.array(z.string()).optional(),
    }),
  ),
});

export interface MetadataFigures {
  articles: number;
  titleRight: number;
  publishedRight: number;
  publisherRight: number;
  /** Every field right. */
  allRight: number;
  /** Wrong fields, as `file: field "got"`, for reading the figures. */
  misses: string[];
}

/** Scores the metadata Byline reads from each article of `dir/corpus` against `dir/metadata.json`. */
export async function evaluateMetadata(dir = METADATA_SET): Promise<MetadataFigures> {
  const { articles: gold } = MetadataSet.parse(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')));
  const articles = new Map((await loadCorpus(join(dir, 'corpus'))).map((a) => [a.file, a]));
  const f: MetadataFigures = {
    articles: gold.length,
    titleRight: 0,
    publishedRight: 0,
    publisherRight: 0,
    allRight: 0,
    misses: [],
  };
  for (const g of gold) {
    const meta = articles.get(g.file)?.meta;
    const title = meta !== undefined && comparableText(meta.title) === comparableText(g.title);
    const published = meta !== undefined && meta.published === g.published;
    const names = g.publisher === null ? [] : [g.publisher, ...(g.publisher_alt ?? [])];
    const publisher =
      meta !== undefined &&
      (g.publisher === null
        ? meta.publisher === null
        : names.some((n) => comparableText(n) === comparableText(meta.publisher ?? '')));
    if (title) f.titleRight++;
    else f.misses.push(`${g.file}: title "${meta?.title}"`);
    if (published) f.publishedRight++;
    else f.misses.push(`${g.file}: published ${meta?.published ?? 'null'}`);
    if (publisher) f.publisherRight++;
    else f.misses.push(`${g.file}: publisher ${meta?.publisher ? `"${meta.publisher}"` : 'null'}`);
    if (title && published && publisher) f.allRight++;
  }
  return f;
}

/** The figures as a Markdown table (the README carries it). */
export function formatMetadata(f: MetadataFigures): string {
  return [
    '| articles | title right | date right | publisher right | all three right |',
    '|---|---|---|---|---|',
    `| ${f.articles} | ${f.titleRight} | ${f.publishedRight} | ${f.publisherRight} | ${f.allRight} |`,
  ].join('\n');
}
