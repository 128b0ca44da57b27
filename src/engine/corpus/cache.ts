/**
 * Loading the corpus with an index cache on disk, so a restart with an unchanged corpus loads instead
 * of re-reading and re-indexing every article. The cache holds each file's hash, its parsed article
 * and alias parts, and a snapshot of the index; it is keyed by a format version, the analysis options
 * and the code that shapes the index. A changed file is the only one parsed again, and only its
 * passages are re-indexed. A cache that does not match (other options or code, a truncated or altered
 * file, unreadable JSON) is reported, ignored and rewritten: never trusted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { aliasPartsOf, mergeAliases, type AliasParts } from '../search/aliases.ts';
import { listArticleFiles, parseArticleFile, readBytes } from './files.ts';
import { Engine } from '../engine.ts';
import { CorpusError } from '../errors.ts';
import type { EngineLogger as Logger } from '../log.ts';
import { buildIndexParts, restoreIndexParts, type IndexSnapshot } from '../search/index-parts.ts';
import { DEFAULT_SEARCH, type SearchOptions } from '../search/options.ts';
import type { Article } from '../types.ts';

/** Bump when what the cache holds, or how it is made, changes. */
export const CACHE_VERSION = 2;

/** Tells cache files apart from anything else found in the folder. */
const CACHE_FORMAT = 'byline-index-cache';

/**
 * Folders (beside this one) whose code decides what the cached data is: the text analysis, the
 * article parser and the index. Their modules' text is part of the cache key, so an edit to the
 * parser or the analysis invalidates the cache even when nobody bumps the version. Whole folders,
 * so that a module split in two or added later is covered without a list to keep up to date.
 */
const INDEX_FOLDERS = ['text', 'corpus', 'search'];

/** One article file as loaded: the hash of its bytes, its article, and its share of the aliases. */
export interface SourceFile {
  name: string;
  hash: string;
  article: Article;
  aliasParts: AliasParts;
}

/** A corpus file's bytes and their hash, as read from the folder. */
export interface ReadFile {
  name: string;
  bytes: Uint8Array;
  hash: string;
}

export interface LoadOptions {
  /** Folder for the cache; null loads without one. */
  cacheDir: string | null;
  search?: Partial<SearchOptions>;
  logger?: Logger;
}

/** A loaded corpus: the engine over it, and its files (what a reload compares against). */
export interface LoadedCorpus {
  engine: Engine;
  files: SourceFile[];
  /** How the index was obtained: built from nothing, loaded whole, or loaded and brought up to date. */
  cache: 'none' | 'hit' | 'updated' | 'rebuilt';
}

/**
 * Loads the articles of `dir` and their index, from the cache where it is valid. Throws CorpusError
 * naming a bad file, as {@link loadCorpus} does.
 */
export async function loadIndexedCorpus(dir: string, options: LoadOptions): Promise<LoadedCorpus> {
  const { cacheDir, search = {}, logger } = options;
  // Nothing else runs yet: blocking reads are several times faster than 10,000 asynchronous ones.
  const read = await readCorpusFiles(dir, { blocking: true });
  const path = cacheDir === null ? null : cachePath(cacheDir, dir);
  const key = path === null ? '' : await cacheKey(search);
  const cached = path === null ? null : await readCache(path, key, logger);

  const previous = new Map(cached?.files.map((f) => [f.name, f]));
  let changed = cached === null || cached.files.length !== read.length;
  const files = read.map((file) => {
    const prior = previous.get(file.name);
    if (prior && prior.hash === file.hash) return prior;
    changed = true;
    return sourceFileOf(file, search);
  });
  const articles = files.map((f) => f.article);
  const aliases = mergeAliases(
    files.map((f) => f.aliasParts),
    { ...DEFAULT_SEARCH, ...search }.analysis,
  );
  const parts = cached
    ? restoreIndexParts(
        cached.snapshot,
        cached.files.map((f) => f.article),
        articles,
        search,
        aliases,
      )
    : await buildIndexParts(articles, search, aliases);
  const engine = new Engine(articles, search, parts);
  if (path !== null && changed) await writeCache(path, key, files, engine, logger);
  const cache = path === null ? 'none' : !cached ? 'rebuilt' : changed ? 'updated' : 'hit';
  logger?.debug({ articles: articles.length, cache }, 'corpus loaded');
  return { engine, files, cache };
}

/**
 * Every article file of `dir` with its bytes and their hash, in file-name order. `blocking` reads each
 * file synchronously: faster, but it holds the event loop for the whole folder.
 */
export async function readCorpusFiles(dir: string, { blocking = false } = {}): Promise<ReadFile[]> {
  const names = await listArticleFiles(dir);
  if (blocking) {
    return names.map((name) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(join(dir, name));
      } catch (error) {
        throw new CorpusError(name, `cannot read the file (${(error as NodeJS.ErrnoException).code})`);
      }
      return { name, bytes, hash: hashOf(bytes) };
    });
  }
  const out: ReadFile[] = [];
  // A few hundred reads at a time: enough to keep the disk busy without exhausting file handles.
  for (let i = 0; i < names.length; i += 256) {
    const batch = await Promise.all(
      names.slice(i, i + 256).map(async (name) => {
        const bytes = await readBytes(join(dir, name), name);
        return { name, bytes, hash: hashOf(bytes) };
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** Parses one read file. Throws CorpusError naming the file. */
export function sourceFileOf(file: ReadFile, search: Partial<SearchOptions>): SourceFile {
  const article = parseArticleFile(file.name, file.bytes);
  const analysis = { ...DEFAULT_SEARCH, ...search }.analysis;
  return { name: file.name, hash: file.hash, article, aliasParts: aliasPartsOf(article, analysis) };
}

function hashOf(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One cache file per corpus folder, named by the folder's absolute path. */
export function cachePath(cacheDir: string, corpusDir: string): string {
  return join(cacheDir, `index-${hashOf(resolve(corpusDir)).slice(0, 16)}.json`);
}

/** The key a cache must carry to be used: version, analysis options, and the index modules' code. */
export async function cacheKey(search: Partial<SearchOptions>): Promise<string> {
  const { analysis } = { ...DEFAULT_SEARCH, ...search };
  const code = await indexModulesText();
  return hashOf(
    JSON.stringify({
      version: CACHE_VERSION,
      analysis: { stem: analysis.stem, stopWords: [...analysis.stopWords].sort() },
      code: code.map(hashOf),
    }),
  );
}

/** The text of every module in {@link INDEX_FOLDERS} (`.ts` under tsx, `.js` once built), in a stable order. */
async function indexModulesText(): Promise<string[]> {
  const texts: string[] = [];
  for (const folder of INDEX_FOLDERS) {
    const dir = new URL(`../${folder}/`, import.meta.url);
    const names = (await readdir(dir)).filter((name) => /\.(ts|js)$/.test(name)).sort();
    for (const name of names) texts.push(`${folder}/${name}\n${await readFile(new URL(name, dir), 'utf8')}`);
  }
  if (texts.length === 0) throw new Error('index cache: the engine modules were not found beside cache.ts');
  return texts;
}

/** What the cache file holds after its header line. */
interface CachePayload {
  files: SourceFile[];
  snapshot: IndexSnapshot;
}

/** The header line: what the file is, for which key, and a checksum of everything after it. */
interface CacheHeader {
  format: string;
  version: number;
  key: string;
  checksum: string;
}

/** The cache at `path` if it is whole and made for `key`; null (and a log line saying why) otherwise. */
export async function readCache(path: string, key: string, logger?: Logger): Promise<CachePayload | null> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') logger?.warn({ path, code }, 'index cache unreadable: rebuilding');
    return null;
  }
  const reject = (reason: string) => {
    logger?.warn({ path, reason }, 'index cache not used: rebuilding');
    return null;
  };
  const newline = data.indexOf(10);
  if (newline < 0) return reject('no header');
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(data.subarray(0, newline).toString('utf8')) as Partial<CacheHeader>;
  } catch {
    return reject('header is not JSON');
  }
  if (header.format !== CACHE_FORMAT || header.version !== CACHE_VERSION) return reject('other format');
  if (header.key !== key) return reject('made with other options or code');
  const body = data.subarray(newline + 1);
  if (hashOf(body) !== header.checksum) return reject('checksum mismatch (truncated or altered)');
  try {
    const payload = JSON.parse(body.toString('utf8')) as CachePayload;
    if (!Array.isArray(payload.files) || typeof payload.snapshot?.miniSearch !== 'object') {
      return reject('unexpected content');
    }
    return payload;
  } catch {
    return reject('content is not JSON');
  }
}

/**
 * Writes the cache for `files` and the engine's index. Written to a temporary file and renamed, so a
 * reader never sees half a cache, and processes started together never mix their writes. A failure
 * to write is logged: the bot works without a cache.
 */
export async function writeCache(
  path: string,
  key: string,
  files: readonly SourceFile[],
  engine: Engine,
  logger?: Logger,
): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const body = Buffer.from(JSON.stringify({ files, snapshot: engine.index.snapshot() }), 'utf8');
    const header: CacheHeader = { format: CACHE_FORMAT, version: CACHE_VERSION, key, checksum: hashOf(body) };
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
    await rename(temp, path);
  } catch (error) {
    logger?.warn({ err: error, path }, 'could not write the index cache');
    await rm(temp, { force: true });
  }
}
