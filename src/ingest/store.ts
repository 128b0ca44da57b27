/**
 * The article file is the record: an added article is written as a file with front matter, in the
 * corpus folder (shared by every server) or in `servers/<server id>/` under it (that server's only),
 * where a person can read, edit or delete it, and where the index cache and live reload see it like
 * any other. Nothing else is kept.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import matter from 'gray-matter';
import { comparable } from '../engine/corpus/article.ts';
import { isArticleFile, parseArticleFile, SERVERS_FOLDER } from '../engine/corpus/files.ts';
import { CorpusError, UserError } from '../engine/errors.ts';
import type { Article } from '../engine/types.ts';
import { SourceError } from '../engine/errors.ts';
import type { ArticleDraft } from './source.ts';

/** A server's id as Discord gives it (a snowflake); anything else would name a path. */
const SERVER_ID = /^\d{17,20}$/;

/** What was stored, or found already stored. */
export interface StoredArticle {
  title: string;
  publisher: string | null;
  published: string | null;
  byline: string | null;
  url: string | null;
  /** Number of body paragraphs. */
  paragraphs: number;
  /** Path of the article file (the corpus folder joined with its name). */
  file: string;
  /** The article's id in the corpus (its file name without the ending). */
  id: string;
  /** Who added it and when, from its front matter; null for articles written by hand. */
  addedBy: string | null;
  addedAt: string | null;
}

export interface StoreResult {
  /** `added`: a new file was written; `present`: the same URL or text was already there, nothing written. */
  status: 'added' | 'present';
  article: StoredArticle;
}

/** Where an article goes: the corpus, and the server it belongs to (null: shared by every server). */
export interface Collection {
  corpusDir: string;
  serverId: string | null;
}

/** The folder of a collection. Throws UserError for a server id that is not a Discord id. */
export function folderOf({ corpusDir, serverId }: Collection): string {
  if (serverId === null) return corpusDir;
  if (!SERVER_ID.test(serverId)) {
    throw new UserError('bad-server-id', `"${serverId}" is not a server id (17 to 20 digits).`);
  }
  return join(corpusDir, SERVERS_FOLDER, serverId);
}

/**
 * Stores a draft as an article file in its collection, unless an article with the same canonical URL
 * or the same body text is already there (or shared with every server): then nothing is written.
 * The file passes the corpus's own parser and validation first; a draft without body text is a
 * SourceError.
 */
export async function storeArticle(
  draft: ArticleDraft,
  collection: Collection,
  added: { by: string; at?: Date },
): Promise<StoreResult> {
  const folder = folderOf(collection);
  const front = frontMatterOf(draft, added.by, (added.at ?? new Date()).toISOString());
  const text = matter.stringify(draft.body.replace(/^\s+/, ''), front);
  const name = `${fileStem(draft)}${draft.extension}`;
  let article: Article;
  try {
    article = parseArticleFile(name, new TextEncoder().encode(text));
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    throw new SourceError(
      'no-article',
      `No article found there: ${error.problem === 'the article has no body text' ? 'the page has no article text' : error.problem}.`,
    );
  }

  const visible = collection.serverId === null ? [folder] : [folder, collection.corpusDir];
  const url = urlKey(article.meta.url ?? null);
  const fingerprint = fingerprintOf(article);
  for (const dir of visible) {
    for (const existing of await readArticles(dir)) {
      const sameUrl = url !== null && urlKey(existing.article.meta.url ?? null) === url;
      if (sameUrl || fingerprintOf(existing.article) === fingerprint) {
        return {
          status: 'present',
          article: describe(existing.article, join(dir, existing.article.file), existing.front),
        };
      }
    }
  }

  await mkdir(folder, { recursive: true });
  const file = await freeName(folder, name);
  // Written beside, then renamed: live reload never sees half a file (hidden names are not articles).
  const temporary = join(folder, `.${file}.${process.pid}.tmp`);
  await writeFile(temporary, text, { flag: 'wx' });
  await rename(temporary, join(folder, file));
  return { status: 'added', article: describe({ ...article, file }, join(folder, file), front) };
}

/** A collection's articles, newest added first (then newest published). Files that do not parse are left out. */
export async function listArticles(collection: Collection): Promise<StoredArticle[]> {
  const folder = folderOf(collection);
  const articles = (await readArticles(folder)).map(({ article, front }) =>
    describe(article, join(folder, article.file), front),
  );
  return articles.sort(
    (a, b) =>
      (b.addedAt ?? '').localeCompare(a.addedAt ?? '') ||
      (b.published ?? '').localeCompare(a.published ?? '') ||
      a.title.localeCompare(b.title),
  );
}

/**
 * Deletes one article of a collection, named by its id, its file name or its exact title. Returns
 * what was removed; UserError when no article of the collection has that name.
 */
export async function removeArticle(collection: Collection, name: string): Promise<StoredArticle> {
  const wanted = name.trim();
  const articles = await listArticles(collection);
  const found =
    articles.find((a) => a.id === wanted || basename(a.file) === wanted) ??
    articles.find((a) => comparable(a.title) === comparable(wanted));
  if (!found) {
    throw new UserError(
      'no-such-article',
      `No article "${wanted}" in ${collection.serverId === null ? 'the shared corpus' : "this server's articles"}.`,
    );
  }
  await rm(found.file);
  return found;
}

interface ReadArticle {
  article: Article;
  front: Record<string, unknown>;
}

/** The articles directly in `dir` (not in its sub-folders); none when it does not exist. */
async function readArticles(dir: string): Promise<ReadArticle[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isArticleFile).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: ReadArticle[] = [];
  for (const name of names) {
    try {
      const bytes = await readFile(join(dir, name));
      out.push({ article: parseArticleFile(name, bytes), front: matter(bytes.toString('utf8'), {}).data });
    } catch {
      // A file that does not parse is reported by the corpus loader; here it is simply not a duplicate.
    }
  }
  return out;
}

function frontMatterOf(draft: ArticleDraft, addedBy: string, addedAt: string): Record<string, string> {
  const { title, publisher, published, byline, url } = draft.meta;
  const entries = Object.entries({
    title,
    publisher,
    published,
    byline,
    url,
    added_by: addedBy,
    added_at: addedAt,
  });
  return Object.fromEntries(
    entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
}

function describe(article: Article, file: string, front: Record<string, unknown>): StoredArticle {
  const addedAt = front['added_at'];
  return {
    title: article.meta.title,
    publisher: article.meta.publisher,
    published: article.meta.published,
    byline: article.meta.byline ?? null,
    url: article.meta.url ?? null,
    paragraphs: article.blocks.filter((b) => b.kind === 'paragraph').length,
    file,
    id: basename(article.file, extname(article.file)),
    addedBy: typeof front['added_by'] === 'string' ? front['added_by'] : null,
    addedAt: addedAt instanceof Date ? addedAt.toISOString() : typeof addedAt === 'string' ? addedAt : null,
  };
}

/** The body's paragraphs, compared as a reader would (case, quote style and spacing ignored). */
function fingerprintOf(article: Article): string {
  const text = article.blocks
    .filter((b) => b.kind === 'paragraph')
    .map((b) => comparable(b.text))
    .join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/** A URL as compared for duplicates: no fragment, no tracking parameters, no trailing slash, host in lower case. */
export function urlKey(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid)$/i.test(key)) u.searchParams.delete(key);
    }
    u.protocol = 'https:';
    u.hostname = u.hostname.replace(/^www\./, '');
    return u.href.replace(/\/+(?=$|\?)/, '');
  } catch {
    return url;
  }
}

/** A file name from the date and headline: "2025-03-05-us-holds-direct-talks-with-hamas". */
function fileStem(draft: ArticleDraft): string {
  let slug = (draft.meta.title ?? 'article')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > 60) slug = slug.slice(0, 60).replace(/-[^-]*$/, '');
  return [draft.meta.published, slug || 'article'].filter(Boolean).join('-');
}

/** `name`, or `name-2`, `name-3`… when a file of that name exists. */
async function freeName(folder: string, name: string): Promise<string> {
  const taken = new Set(await readdir(folder));
  const stem = basename(name, extname(name));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${extname(name)}`;
    if (!taken.has(candidate)) return candidate;
  }
}
