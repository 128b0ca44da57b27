/**
 * The corpus folder as the index sees it: each article file with its size, modification time and
 * hash, its parsed article, its share of the aliases and its passages' terms. A scan compares the
 * folder with what was loaded before by size and modification time, reads and hashes only the files
 * whose metadata changed, and parses only those whose bytes changed: on one thread for a few files,
 * in worker threads (every core) for many.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { aliasPartsOf, type AliasParts } from '../search/aliases.ts';
import { CorpusError } from '../errors.ts';
import { listArticleFiles, parseArticleFile } from './files.ts';
import { articleAnalyzer, renumberTerms, type ArticleTerms, type TermTable } from '../search/index-parts.ts';
import type { AnalysisOptions } from '../text/analysis.ts';
import type { Article } from '../types.ts';

/** One article file as loaded. */
export interface SourceFile {
  name: string;
  /** Size in bytes and modification time when the file was read: unchanged, the file is not read again. */
  size: number;
  mtimeMs: number;
  /** When the file was read (ms since the epoch), to tell whether its modification time can be trusted. */
  readAt: number;
  /** SHA-256 of the bytes, hex: a file whose metadata changed but whose bytes did not is not parsed again. */
  hash: string;
  article: Article;
  aliasParts: AliasParts;
  terms: ArticleTerms;
}

/**
 * A file modified this close (ms) before it was read may be modified again within the same
 * timestamp tick without its metadata changing (file systems with one- or two-second timestamps), so
 * its metadata is not trusted: it is hashed again at the next scan, as git does for "racily clean" files.
 */
const RACY_MS = 2000;

/** Files parsed on this thread at most, with workers allowed: below it, starting workers costs more than it saves. */
const IN_THREAD_FILES = 200;

/** Files a worker parses per message: small enough to share the work evenly, large enough to amortise a message. */
const FILES_PER_BATCH = 100;

/** How files are parsed. */
export interface ParseOptions {
  /**
   * Worker threads that parse and analyse files: 'auto' (the default) uses one a core when more than
   * a couple of hundred files are to be parsed; 0 parses on this thread.
   */
  workers?: number | 'auto';
}

/** What a scan found: the folder's files in name order, how many were hashed and parsed, and the bad ones. */
export interface Scan {
  files: SourceFile[];
  /** Files read and hashed because they are new or their size or modification time changed. */
  hashed: number;
  /** Files parsed because they are new or their bytes changed. */
  parsed: number;
  /** Files that could not be read or parsed, in name order (their previous version, if any, is in `files`). */
  broken: CorpusError[];
}

/**
 * Scans `dir` against the files loaded before (`previous`, by name). New terms are numbered in
 * `table`, which the previous files' terms must use too.
 */
export async function scanCorpus(
  dir: string,
  previous: ReadonlyMap<string, SourceFile>,
  analysis: AnalysisOptions,
  table: TermTable,
  options: ParseOptions = {},
): Promise<Scan> {
  const names = await listArticleFiles(dir);
  const stats = await Promise.all(names.map((name) => stat(join(dir, name)).catch(() => null)));
  const files: (SourceFile | null)[] = [];
  const toParse: number[] = [];
  let hashed = 0;
  names.forEach((name, i) => {
    const prior = previous.get(name);
    const stats_ = stats[i];
    if (prior && stats_ && sameMetadata(prior, stats_)) {
      files.push(prior);
      return;
    }
    if (prior && stats_) {
      // Touched, copied back, or racily clean: reread, and parse only if the bytes changed.
      const readAt = Date.now();
      let bytes: Buffer | null = null;
      try {
        bytes = readFileSync(join(dir, name));
      } catch {
        // Reported by the parse below, which reads it again.
      }
      hashed++;
      if (bytes && hashOf(bytes) === prior.hash) {
        files.push({ ...prior, size: stats_.size, mtimeMs: stats_.mtimeMs, readAt });
        return;
      }
    }
    files.push(null);
    toParse.push(i);
  });
  hashed += toParse.filter((i) => !previous.has(names[i]!)).length;
  const parsed = await parseFiles(
    dir,
    toParse.map((i) => names[i]!),
    analysis,
    table,
    options,
  );
  const broken: CorpusError[] = [];
  toParse.forEach((i, k) => {
    const result = parsed[k]!;
    if (result instanceof CorpusError) {
      broken.push(result);
      files[i] = previous.get(names[i]!) ?? null;
    } else {
      files[i] = result;
    }
  });
  return {
    files: files.filter((f): f is SourceFile => f !== null),
    hashed,
    parsed: toParse.length,
    broken,
  };
}

function sameMetadata(file: SourceFile, stats: Stats): boolean {
  return (
    file.size === stats.size && file.mtimeMs === stats.mtimeMs && file.readAt - file.mtimeMs >= RACY_MS
  );
}

export function hashOf(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads, hashes, parses and analyses one file. Throws CorpusError naming the file. */
export function readSourceFile(
  dir: string,
  name: string,
  analysis: AnalysisOptions,
  analyze: (article: Article) => ArticleTerms,
): SourceFile {
  const path = join(dir, name);
  let bytes: Buffer;
  let stats: Stats;
  const readAt = Date.now();
  try {
    // Metadata first: if the file changes while it is read, the next scan sees a newer time.
    stats = statSync(path);
    bytes = readFileSync(path);
  } catch (error) {
    throw new CorpusError(name, `cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
  const article = parseArticleFile(name, bytes);
  return {
    name,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    readAt,
    hash: hashOf(bytes),
    article,
    aliasParts: aliasPartsOf(article, analysis),
    terms: analyze(article),
  };
}

/**
 * Reads and parses the named files of `dir`, each into a SourceFile or the CorpusError saying why it
 * cannot be loaded, in the order given.
 */
export async function parseFiles(
  dir: string,
  names: readonly string[],
  analysis: AnalysisOptions,
  table: TermTable,
  { workers = 'auto' }: ParseOptions = {},
): Promise<(SourceFile | CorpusError)[]> {
  const threads =
    workers === 'auto' ? (names.length > IN_THREAD_FILES ? availableParallelism() : 0) : workers;
  if (threads <= 0 || names.length === 0) {
    const analyze = articleAnalyzer(analysis, table);
    return names.map((name) => {
      try {
        return readSourceFile(dir, name, analysis, analyze);
      } catch (error) {
        if (error instanceof CorpusError) return error;
        throw error;
      }
    });
  }
  return parseInWorkers(dir, names, analysis, table, Math.min(threads, Math.ceil(names.length / FILES_PER_BATCH)));
}

/** A message to a build worker: parse these files. */
export interface WorkerRequest {
  batch: number;
  names: readonly string[];
}

/** A parsed file as a worker sends it: its terms numbered by the batch's `vocabulary`, without a table. */
export type WorkerFile = Omit<SourceFile, 'terms'> & { terms: Omit<ArticleTerms, 'table'> };

/** A build worker's answer: each file parsed or why not, and the terms its numbers stand for. */
export type WorkerReply =
  | {
      batch: number;
      files: (WorkerFile | { name: string; problem: string })[];
      vocabulary: string[];
    }
  | { batch: number; failure: string };

/** Data every build worker starts with. */
export interface WorkerSetup {
  dir: string;
  analysis: AnalysisOptions;
}

/** The build worker's module: TypeScript under tsx, JavaScript once built. */
const WORKER_URL = new URL(
  `./build-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * Starts a build worker. Under tsx, the worker registers tsx before importing its module: a worker's
 * own `--import tsx` comes too late for its entry point on Node 20.
 */
function startWorker(setup: WorkerSetup): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData: setup });
  // tsx's ESM API beside the CommonJS one `require.resolve` finds (its own `register` fails from CommonJS).
  const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
    { eval: true, workerData: setup },
  );
}

/** Files parsed by `threads` workers, batch by batch, their terms renumbered into `table` in file order. */
async function parseInWorkers(
  dir: string,
  names: readonly string[],
  analysis: AnalysisOptions,
  table: TermTable,
  threads: number,
): Promise<(SourceFile | CorpusError)[]> {
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += FILES_PER_BATCH) batches.push(names.slice(i, i + FILES_PER_BATCH));
  const replies: (WorkerReply | undefined)[] = new Array(batches.length);
  const out: (SourceFile | CorpusError)[] = [];
  let next = 0;
  let merged = 0;
  // Renumbered in batch order as soon as they can be, so that terms are numbered as on one thread.
  const mergeReady = () => {
    for (; merged < batches.length && replies[merged]; merged++) {
      const reply = replies[merged]!;
      replies[merged] = undefined;
      if ('failure' in reply) throw new Error(`build worker failed: ${reply.failure}`);
      for (const file of reply.files) {
        if ('problem' in file) out.push(new CorpusError(file.name, file.problem));
        else out.push({ ...file, terms: renumberTerms({ ...file.terms, table }, reply.vocabulary, table) });
      }
    }
  };
  const workers = Array.from({ length: threads }, () => startWorker({ dir, analysis }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const batch = next++;
              worker.postMessage({ batch, names: batches[batch]! } satisfies WorkerRequest);
            };
            worker.on('message', (reply: WorkerReply) => {
              replies[reply.batch] = reply;
              try {
                mergeReady();
              } catch (error) {
                return reject(error as Error);
              }
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < batches.length || merged < batches.length) {
                reject(new Error(`build worker exited with code ${code}`));
              }
            });
            send();
          }),
      ),
    );
    mergeReady();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
