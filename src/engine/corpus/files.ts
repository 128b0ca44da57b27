/**
 * Loads the corpus folder: one article a file, plain text or Markdown, with or without YAML front
 * matter. Every file is validated; a bad one stops loading with its name and what is wrong.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { parseArticle, type ArticleFormat } from './article.ts';
import { CorpusError } from '../errors.ts';
import type { Article } from '../types.ts';

/** File endings read as articles; anything else in the folder is ignored. */
export const ARTICLE_EXTENSIONS: Readonly<Record<string, ArticleFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** A calendar date as YYYY-MM-DD, from YAML's date, an ISO date or time, or a written date ("March 5, 2025"). */
const calendarDate = z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  const parsed = iso ? new Date(`${iso[1]}T00:00:00Z`) : new Date(value);
  // A written date must give its year: JavaScript would invent one.
  if (Number.isNaN(parsed.getTime()) || (!iso && !/\b\d{4}\b/.test(value))) {
    ctx.addIssue({ code: 'custom', message: 'must be a date, written YYYY-MM-DD' });
    return z.NEVER;
  }
  // A written date has no time zone: read it as the calendar date it names.
  const [y, m, d] = iso
    ? [parsed.getUTCFullYear(), parsed.getUTCMonth() + 1, parsed.getUTCDate()]
    : [parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate()];
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
});

const text = z.string().trim().min(1, 'must not be empty');

/**
 * The front matter an article may carry. Unknown keys are refused, so a typo ("publishd") is caught;
 * the usual other names of these keys are read as them (see {@link FRONT_MATTER_ALIASES}) and the
 * usual keys of static-site generators are ignored (see {@link IGNORED_KEYS}).
 */
export const FrontMatterSchema = z
  .object({
    title: text.optional(),
    publisher: text.optional(),
    published: calendarDate.optional(),
    url: z.url().optional(),
    byline: z
      .union([
        text,
        z
          .array(text)
          .min(1)
          .transform((names) => names.join(', ')),
      ])
      .optional(),
    /** Who added the article with `/article add` or the command line. */
    added_by: text.optional(),
    /** When it was added: an ISO date-time. */
    added_at: z
      .union([z.date(), z.iso.datetime({ offset: true, error: 'must be a date-time, written as ISO 8601' })])
      .transform((value) => (value instanceof Date ? value.toISOString() : value))
      .optional(),
  })
  .strict();

/** Other names for the front-matter keys, as other tools write them. */
export const FRONT_MATTER_ALIASES: Readonly<Record<string, keyof FrontMatter>> = {
  date: 'published',
  pubdate: 'published',
  published_at: 'published',
  author: 'byline',
  authors: 'byline',
  source: 'publisher',
  outlet: 'publisher',
  publication: 'publisher',
  link: 'url',
  headline: 'title',
};

/** Keys that static-site generators and note tools add; Byline has no use for them. */
export const IGNORED_KEYS: ReadonlySet<string> = new Set(
  'tags categories category description summary lang language section slug id layout draft subtitle image keywords'.split(
    ' ',
  ),
);

export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** Reads every article in `dir`, in file-name order. */
export async function loadCorpus(dir: string): Promise<Article[]> {
  const files = await listArticleFiles(dir);
  return Promise.all(
    files.map(async (name) => parseArticleFile(name, await readBytes(join(dir, name), name))),
  );
}

/** The folder of `dir` that holds one folder of articles per server (`servers/<server id>/`). */
export const SERVERS_FOLDER = 'servers';

/** A server's folder name: its Discord id. Other folders under `servers/` are not read. */
const SERVER_FOLDER = /^\d{17,20}$/;

/**
 * The article files of `dir`, as paths relative to it: those at the top (shared by every server),
 * then those of each `servers/<server id>/` folder, each group in file-name order. Throws
 * CorpusError when there are none.
 */
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
  if (names.includes(SERVERS_FOLDER)) files.push(...(await listServerFiles(dir)));
  if (files.length === 0) {
    throw new CorpusError(dir, 'the corpus folder has no articles (.txt or .md files)');
  }
  return files;
}

async function listServerFiles(dir: string): Promise<string[]> {
  const root = join(dir, SERVERS_FOLDER);
  let servers: string[];
  try {
    servers = (await readdir(root)).filter((name) => SERVER_FOLDER.test(name)).sort();
  } catch {
    return []; // a file named "servers", or a folder being removed
  }
  const out: string[] = [];
  for (const server of servers) {
    let names: string[];
    try {
      names = await readdir(join(root, server));
    } catch {
      continue;
    }
    out.push(...names.filter(isArticleFile).sort().map((name) => `${SERVERS_FOLDER}/${server}/${name}`));
  }
  return out;
}

/** The server an article file belongs to, from its path (`servers/<id>/…`); null for a shared one. */
export function collectionOf(file: string): string | null {
  const match = /^servers\/(\d{17,20})\//.exec(file);
  return match ? match[1]! : null;
}

/** Whether a file name is read as an article: a known ending, and not hidden (editors' swap files). */
export function isArticleFile(name: string): boolean {
  const base = basename(name);
  return !base.startsWith('.') && extname(base).toLowerCase() in ARTICLE_EXTENSIONS;
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

/**
 * Parses one article file's bytes. `name` is the file's path relative to the corpus folder, used for
 * the id, the collection (see {@link collectionOf}) and in errors.
 */
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
    const result = FrontMatterSchema.safeParse(canonicalKeys(name, data));
    if (!result.success) {
      const problems = result.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')} (allowed: ${Object.keys(FrontMatterSchema.shape).join(', ')})`
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
  // Without a title anywhere, the file's name stands in rather than refusing the article.
  const title =
    front?.title ?? parsed.headline ?? basename(name, extname(name)).replace(/[-_]+/g, ' ').trim();

  const byline = front?.byline ?? parsed.byline ?? undefined;
  const collection = collectionOf(name);
  return {
    // A server's article is known by its path, so that the same file name in two servers stays two articles.
    id: collection === null ? basename(name, extname(name)) : name.slice(0, -extname(name).length),
    file: name,
    ...(collection === null ? {} : { collection }),
    meta: {
      title,
      publisher: front?.publisher ?? parsed.publisher,
      published: front?.published ?? parsed.published,
      ...(front?.url ? { url: front.url } : {}),
      ...(byline ? { byline } : {}),
    },
    blocks: parsed.blocks,
  };
}

/** Front matter with the other names of keys read as ours and ignored keys dropped. */
function canonicalKeys(name: string, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const lower = key.toLowerCase();
    if (IGNORED_KEYS.has(lower)) continue;
    const canonical = FRONT_MATTER_ALIASES[lower] ?? key;
    if (canonical in out) {
      const keys = Object.keys(data).filter(
        (k) => (FRONT_MATTER_ALIASES[k.toLowerCase()] ?? k) === canonical,
      );
      throw new CorpusError(name, `bad front matter: ${canonical} is given twice (${keys.join(' and ')})`);
    }
    out[canonical] = value;
  }
  return out;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
