/**
 * Loading the corpus with an index cache on disk, so a restart with an unchanged corpus loads instead
 * of re-reading and re-indexing every article. The cache holds each file's size, modification time
 * and hash, its parsed article, alias parts and passages' terms (see `ArticleTerms`), in a binary
 * layout that loads without parsing the text: block texts and terms as one string each, counts as
 * typed arrays. It is keyed by a format version, the analysis options and the code that shapes the
 * index. A file whose size and modification time are unchanged is not read; one whose bytes changed
 * is the only one parsed again. A cache that does not match (other options or code, a truncated or
 * altered file) is reported, ignored and rewritten: never trusted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mergeAliases } from '../search/aliases.ts';
import { Engine } from '../engine.ts';
import type { EngineLogger as Logger } from '../log.ts';
import { indexPartsOf, TermTable, type ArticleTerms } from '../search/index-parts.ts';
import { withSearchDefaults, type SearchOptions } from '../search/options.ts';
import type { Article } from '../types.ts';
import { hashOf, scanCorpus, type ParseOptions, type SourceFile } from './sources.ts';

export type { SourceFile } from './sources.ts';

/** Bump when what the cache holds, or how it is made, changes. */
export const CACHE_VERSION = 3;

/** Tells cache files apart from anything else found in the folder. */
const CACHE_FORMAT = 'byline-index-cache';

/**
 * Folders (beside this one) whose code decides what the cached data is: the text analysis, the
 * article parser and the index. Their modules' text is part of the cache key, so an edit to the
 * parser or the analysis invalidates the cache even when nobody bumps the version. Whole folders,
 * so that a module split in two or added later is covered without a list to keep up to date.
 */
const INDEX_FOLDERS = ['text', 'corpus', 'search'];

export interface LoadOptions extends ParseOptions {
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
  /** Files read and hashed (new, or their size or modification time changed). */
  hashed: number;
  /** Files parsed (new, or their bytes changed). */
  parsed: number;
  /** Where the time went, in ms, phase by phase in the order they ran (for the log and the benchmark). */
  timings: Record<string, number>;
}

/** A stopwatch that records, under each name, the ms since the previous lap. */
function stopwatch(timings: Record<string, number>): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + (now - last);
    last = now;
  };
}

/**
 * Loads the articles of `dir` and their index, from the cache where it is valid. Throws CorpusError
 * naming a bad file.
 */
export async function loadIndexedCorpus(dir: string, options: LoadOptions): Promise<LoadedCorpus> {
  const { cacheDir, search = {}, logger } = options;
  const timings: Record<string, number> = {};
  const lap = stopwatch(timings);
  const analysis = withSearchDefaults(search).analysis;
  const path = cacheDir === null ? null : cachePath(cacheDir, dir);
  const key = path === null ? '' : await cacheKey(search);
  lap('cache key (hash of the index code)');
  timings['cache: read, check and decode'] = 0; // listed before the parts readCache times
  const cached = path === null ? null : await readCache(path, key, logger, timings);
  lap('cache: read, check and decode');
  const table = cached?.table ?? new TermTable();
  const previous = new Map(cached?.files.map((f) => [f.name, f]));
  const scan = await scanCorpus(dir, previous, analysis, table, options);
  if (scan.broken.length > 0) throw scan.broken[0]!;
  lap('files: list and stat; read, hash, parse and analyse the new or changed');
  const { files } = scan;
  const changed = cached === null || scan.parsed > 0 || files.length !== cached.files.length;
  const articles = files.map((f) => f.article);
  const aliases = mergeAliases(
    files.map((f) => f.aliasParts),
    analysis,
  );
  lap('aliases: merge');
  const parts = await indexPartsOf(
    articles,
    files.map((f) => f.terms),
    search,
    aliases,
  );
  lap('index: replay terms into MiniSearch, document frequencies');
  const engine = new Engine(articles, search, parts);
  lap('engine: passages, citations, views');
  // Files read again with the same bytes are rewritten too, with their new metadata, so that the
  // next start need not read them.
  if (path !== null && (changed || scan.hashed > 0)) {
    await writeCache(path, key, files, logger);
    lap('cache: write');
  }
  const cache = path === null ? 'none' : !cached ? 'rebuilt' : changed ? 'updated' : 'hit';
  logger?.debug(
    { articles: articles.length, cache, hashed: scan.hashed, parsed: scan.parsed, timings },
    'corpus loaded',
  );
  return { engine, files, cache, hashed: scan.hashed, parsed: scan.parsed, timings };
}

/**
 * The cache body's checksum: SHA-1, against damage, not attack (whoever can write the cache can
 * write the corpus), and several times faster than SHA-256 on a cache of a few hundred megabytes.
 */
function checksumOf(body: Uint8Array): string {
  return createHash('sha1').update(body).digest('hex');
}

/** One cache file per corpus folder, named by the folder's absolute path. */
export function cachePath(cacheDir: string, corpusDir: string): string {
  return join(cacheDir, `index-${hashOf(resolve(corpusDir)).slice(0, 16)}.json`);
}

/** The key a cache must carry to be used: version, analysis options, and the index modules' code. */
export async function cacheKey(search: Partial<SearchOptions>): Promise<string> {
  const { analysis } = withSearchDefaults(search);
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

/** What a valid cache holds: the files as loaded, their terms numbered by `table`. */
interface CachedCorpus {
  files: SourceFile[];
  table: TermTable;
}

/**
 * The header line: what the file is, for which key, a checksum of everything after it, and where
 * each section lies in it (byte offset and length). Padded with spaces so that the body starts on a
 * multiple of 8 bytes.
 */
interface CacheHeader {
  format: string;
  version: number;
  key: string;
  checksum: string;
  sections: Record<SectionName, [number, number]>;
}

/** The file's sections: JSON for the little that has shape, strings joined by NUL, then typed arrays. */
const SECTIONS = [
  /** Each file's metadata, article (block texts left empty) and alias parts, as JSON. */
  'files',
  /**
   * Every block text written in Latin-1 alone (most of them), in file and block order, joined by NUL
   * (which no article contains), as Latin-1: decoded several times faster than UTF-8.
   */
  'texts',
  /** The other block texts, likewise, as UTF-8. */
  'wideTexts',
  /** The term table, joined by NUL. */
  'vocabulary',
  /** Which blocks (numbered in file and block order) are in `wideTexts`. */
  'wideBlocks',
  /** Per file: its passages, posting entries and key terms (three Uint32 each). */
  'shape',
  'fieldLengths',
  'postingStart',
  'postingTerms',
  'postingCounts',
  'keyStart',
  'keyTerms',
] as const;
type SectionName = (typeof SECTIONS)[number];
const ARRAY_SECTIONS = SECTIONS.slice(4) as readonly Exclude<
  SectionName,
  'files' | 'texts' | 'wideTexts' | 'vocabulary'
>[];
type ArraySection = (typeof ARRAY_SECTIONS)[number];

/** What the `files` section holds for each file. */
type CachedFile = Omit<SourceFile, 'terms'>;

/** The cache at `path` if it is whole and made for `key`; null (and a log line saying why) otherwise. */
export async function readCache(
  path: string,
  key: string,
  logger?: Logger,
  timings: Record<string, number> = {},
): Promise<CachedCorpus | null> {
  const lap = stopwatch(timings);
  let data: Buffer;
  try {
    // Blocking: nothing else runs yet, and one read is several times faster than promises' chunks.
    data = readFileSync(path);
    lap('  of which: read the file');
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
  const checksum = checksumOf(body);
  lap('  of which: checksum');
  if (checksum !== header.checksum) return reject('checksum mismatch (truncated or altered)');
  try {
    const decoded = decodeBody(body, header.sections!);
    lap('  of which: decode (JSON, texts, typed arrays)');
    return decoded;
  } catch {
    return reject('unexpected content');
  }
}

/** The files and term table of a cache body whose checksum was verified. Throws on anything unexpected. */
function decodeBody(body: Buffer, sections: CacheHeader['sections']): CachedCorpus {
  const bytes = (name: SectionName) => {
    const [offset, length] = sections[name];
    if (offset + length > body.length) throw new Error(`section ${name} out of bounds`);
    return body.subarray(offset, offset + length);
  };
  // Copied out, so that the file's buffer (mostly text, decoded below) can be freed.
  const array = (name: ArraySection) => {
    const part = bytes(name);
    return new Uint32Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.length));
  };
  const cached = JSON.parse(bytes('files').toString('utf8')) as CachedFile[];
  const wideBlocks = array('wideBlocks');
  const split = (text: string, count: number) => (count === 0 ? [] : text.split('\u0000'));
  const wideTexts = split(bytes('wideTexts').toString('utf8'), wideBlocks.length);
  const blockCount = cached.reduce((n, f) => n + f.article.blocks.length, 0);
  const narrowTexts = split(bytes('texts').toString('latin1'), blockCount - wideBlocks.length);
  if (narrowTexts.length + wideTexts.length !== blockCount) throw new Error('texts do not match the blocks');
  const texts = new Array<string>(blockCount);
  let narrow = 0;
  let wide = 0;
  for (let i = 0; i < blockCount; i++) {
    texts[i] = wide < wideBlocks.length && wideBlocks[wide] === i ? wideTexts[wide++]! : narrowTexts[narrow++]!;
  }
  const vocabulary = bytes('vocabulary').toString('utf8');
  const table = new TermTable(vocabulary === '' ? [] : vocabulary.split('\u0000'));
  const arrays = Object.fromEntries(ARRAY_SECTIONS.map((name) => [name, array(name)])) as Record<
    ArraySection,
    Uint32Array
  >;
  const { shape } = arrays;
  if (shape.length !== cached.length * 3) throw new Error('shape does not match the files');
  let text = 0;
  let passage = 0;
  let start = 0;
  let posting = 0;
  let key = 0;
  const files = cached.map((file, i): SourceFile => {
    const [passages, postings, keys] = [shape[i * 3]!, shape[i * 3 + 1]!, shape[i * 3 + 2]!];
    if (passages !== file.article.blocks.length) throw new Error('passages do not match the blocks');
    for (const block of file.article.blocks) block.text = texts[text++]!;
    const terms: ArticleTerms = {
      table,
      fieldLengths: arrays.fieldLengths.subarray(passage, passage + passages),
      postingStart: arrays.postingStart.subarray(start, start + passages + 1),
      postingTerms: arrays.postingTerms.subarray(posting, posting + postings),
      postingCounts: arrays.postingCounts.subarray(posting, posting + postings),
      keyStart: arrays.keyStart.subarray(start, start + passages + 1),
      keyTerms: arrays.keyTerms.subarray(key, key + keys),
    };
    passage += passages;
    start += passages + 1;
    posting += postings;
    key += keys;
    return { ...file, terms };
  });
  if (text !== texts.length || posting !== arrays.postingTerms.length || key !== arrays.keyTerms.length) {
    throw new Error('sections do not match the files');
  }
  return { files, table };
}

/** The cache body's sections for `files`, in {@link SECTIONS} order. */
function encodeBody(files: readonly SourceFile[]): Record<SectionName, Uint8Array> {
  const table = files[0]?.terms.table ?? new TermTable();
  const cached: CachedFile[] = files.map(({ terms: _terms, article, ...file }) => ({
    ...file,
    // Texts are stored apart; the empty string keeps each block's keys in their order.
    article: { ...article, blocks: article.blocks.map((b) => ({ ...b, text: '' })) } satisfies Article,
  }));
  const narrow: string[] = [];
  const wide: string[] = [];
  const wideBlocks: number[] = [];
  for (const text of files.flatMap((f) => f.article.blocks.map((b) => b.text))) {
    if (/[\u0100-\uffff]/.test(text)) {
      wideBlocks.push(narrow.length + wide.length);
      wide.push(text);
    } else {
      narrow.push(text);
    }
  }
  const concat = (pick: (t: ArticleTerms) => Uint32Array) => {
    const parts = files.map((f) => pick(f.terms));
    const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return new Uint8Array(out.buffer);
  };
  return {
    files: Buffer.from(JSON.stringify(cached), 'utf8'),
    texts: Buffer.from(narrow.join('\u0000'), 'latin1'),
    wideTexts: Buffer.from(wide.join('\u0000'), 'utf8'),
    wideBlocks: new Uint8Array(Uint32Array.from(wideBlocks).buffer),
    vocabulary: Buffer.from(table.terms.join('\u0000'), 'utf8'),
    shape: new Uint8Array(
      Uint32Array.from(
        files.flatMap((f) => [f.terms.fieldLengths.length, f.terms.postingTerms.length, f.terms.keyTerms.length]),
      ).buffer,
    ),
    fieldLengths: concat((t) => t.fieldLengths),
    postingStart: concat((t) => t.postingStart),
    postingTerms: concat((t) => t.postingTerms),
    postingCounts: concat((t) => t.postingCounts),
    keyStart: concat((t) => t.keyStart),
    keyTerms: concat((t) => t.keyTerms),
  };
}

/**
 * Writes the cache for `files`. Written to a temporary file and renamed, so a reader never sees half
 * a cache, and processes started together never mix their writes. A failure to write is logged: the
 * bot works without a cache.
 */
export async function writeCache(
  path: string,
  key: string,
  files: readonly SourceFile[],
  logger?: Logger,
): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const encoded = encodeBody(files);
    const parts: Uint8Array[] = [];
    const sections = {} as CacheHeader['sections'];
    let offset = 0;
    for (const name of SECTIONS) {
      const part = encoded[name];
      sections[name] = [offset, part.length];
      // Each section starts on a multiple of 8 bytes, so typed arrays can be read in place.
      const padded = Math.ceil(part.length / 8) * 8;
      parts.push(part, new Uint8Array(padded - part.length));
      offset += padded;
    }
    const body = Buffer.concat(parts);
    const header: CacheHeader = {
      format: CACHE_FORMAT,
      version: CACHE_VERSION,
      key,
      checksum: checksumOf(body),
      sections,
    };
    const line = JSON.stringify(header);
    const headerBytes = Buffer.from(`${line}${' '.repeat((15 - (line.length % 8)) % 8)}\n`, 'utf8');
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temp, Buffer.concat([headerBytes, body]));
    await rename(temp, path);
  } catch (error) {
    logger?.warn({ err: error, path }, 'could not write the index cache');
    await rm(temp, { force: true });
  }
}
