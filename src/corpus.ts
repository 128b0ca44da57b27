/**
 * Loads the corpus folder: one article a file, plain text or Markdown, with or without YAML front
 * matter. Every file is validated; a bad one stops loading with its name and what is wrong.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { parseArticle, type ArticleFormat } from './article.ts';
import { CorpusError } from './errors.ts';
import type { Article } from './types.ts';

/** File endings read as articles; anything else in the folder is ignored. */
export const ARTICLE_EXTENSIONS: Readonly<Record<string, ArticleFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

const isoDate = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date'),
]);

/** The front matter an article may carry. Unknown keys are refused, so a typo is caught. */
export const FrontMatterSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty'),
    publisher: z.string().trim().min(1, 'must not be empty').optional(),
    published: isoDate.optional(),
    url: z.url().optional(),
    byline: z.string().trim().min(1).optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** Reads every article in `dir`, in file-name order. */
export async function loadCorpus(dir: string): Promise<Article[]> {
  const files = await listArticleFiles(dir);
  return Promise.all(
    files.map(async (name) => parseArticleFile(name, await readBytes(join(dir, name), name))),
  );
}

/** The article files of `dir`, in file-name order. Throws CorpusError when there are none. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CorpusError(
      dir,
      code === 'ENOENT' ? 'the corpus folder does not exist' : `cannot read the folder (${code})`,
    );
  }
  const files = names.filter(isArticleFile).sort();
  if (files.length === 0) {
    throw new CorpusError(dir, 'the corpus folder has no articles (.txt or .md files)');
  }
  return files;
}

/** Whether a file name is read as an article: a known ending, and not hidden (editors' swap files). */
export function isArticleFile(name: string): boolean {
  return !name.startsWith('.') && extname(name).toLowerCase() in ARTICLE_EXTENSIONS;
}

/** A file's bytes; CorpusError naming the file when it cannot be read. */
export async function readBytes(path: string, name: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CorpusError(name, `cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses one article file's bytes. `name` is the file name, used for the id and in errors. */
export function parseArticleFile(name: string, bytes: Uint8Array): Article {
  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    throw new CorpusError(name, 'the text is not valid UTF-8');
  }
  if (raw.includes('\u0000')) throw new CorpusError(name, 'the file is binary, not text');
  raw = raw.replace(/^\uFEFF/, '');

  let data: Record<string, unknown>;
  let body: string;
  try {
    // Options (even none) turn off gray-matter's cache, which keeps every text it has seen and
    // returns a text that failed to parse, the second time, as if it had no front matter.
    const parsed = matter(raw, {});
    data = parsed.data;
    body = parsed.content;
  } catch (error) {
    throw new CorpusError(name, `the front matter is not valid YAML: ${firstLine((error as Error).message)}`);
  }

  const hasFrontMatter = Object.keys(data).length > 0;
  let front: FrontMatter | null = null;
  if (hasFrontMatter) {
    const result = FrontMatterSchema.safeParse(data);
    if (!result.success) {
      const problems = result.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')} (allowed: title, publisher, published, url, byline)`
          : `${i.path.join('.') || 'front matter'} ${i.message}`,
      );
      throw new CorpusError(name, `bad front matter: ${problems.join('; ')}`);
    }
    front = result.data;
  }

  const format = ARTICLE_EXTENSIONS[extname(name).toLowerCase()] ?? 'text';
  const parsed = parseArticle(body, { format, ...(front ? { title: front.title } : {}) });
  if (!parsed.blocks.some((b) => b.kind === 'paragraph')) {
    throw new CorpusError(name, 'the article has no body text');
  }
  const title = front?.title ?? parsed.headline;
  if (!title) throw new CorpusError(name, 'the article has no title: add one in front matter');

  const byline = front?.byline ?? parsed.byline ?? undefined;
  return {
    id: basename(name, extname(name)),
    file: name,
    meta: {
      title,
      publisher: front?.publisher ?? null,
      published: front?.published ?? null,
      ...(front?.url ? { url: front.url } : {}),
      ...(byline ? { byline } : {}),
    },
    blocks: parsed.blocks,
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
