/**
 * Live reload: watches the corpus folder and, when articles are added, changed or removed, builds a
 * new Engine beside the one in service and hands it over once complete. Requests already running
 * finish on the engine they started with; the next ones get the new engine. A file that no longer
 * parses is logged and its previous version stays in service (a new file that does not parse is
 * left out until it is fixed).
 */
import { watch, type FSWatcher } from 'node:fs';
import { mergeAliases } from '../search/aliases.ts';
import { Engine } from '../engine.ts';
import type { EngineLogger as Logger } from '../log.ts';
import { indexPartsOf, TermTable } from '../search/index-parts.ts';
import { withSearchDefaults, type SearchOptions } from '../search/options.ts';
import { scanCorpus, type ParseOptions, type SourceFile } from './sources.ts';

/** Options for {@link CorpusWatcher}, merged over {@link WATCH_DEFAULTS}. */
export interface WatchOptions {
  /**
   * Wait this long after the last change before reloading, in ms. Default 300: an editor's save or a
   * copy of many files arrives as a burst of events, and one reload should cover the burst.
   */
  debounceMs: number;
  search: Partial<SearchOptions>;
  /** Worker threads for parsing changed files (see `ParseOptions.workers`). Default 'auto'. */
  workers: NonNullable<ParseOptions['workers']>;
}

export const WATCH_DEFAULTS: WatchOptions = { debounceMs: 300, search: {}, workers: 'auto' };

/** What a reload did. */
export interface ReloadResult {
  added: string[];
  changed: string[];
  removed: string[];
  /** Files that did not parse: `kept` when their previous version stays in service. */
  broken: { file: string; error: string; kept: boolean }[];
  /** Whether a new engine was handed over. */
  swapped: boolean;
}

export class CorpusWatcher {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #onEngine: (engine: Engine) => void;
  readonly #options: WatchOptions;
  #files: Map<string, SourceFile>;
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<ReloadResult> | null = null;
  #again = false;

  /**
   * `files` are those the engine in service was built from; `onEngine` receives each new engine
   * (the bot swaps the reference its router reads).
   */
  constructor(
    dir: string,
    files: readonly SourceFile[],
    onEngine: (engine: Engine) => void,
    logger: Logger,
    options: Partial<WatchOptions> = {},
  ) {
    this.#dir = dir;
    this.#files = new Map(files.map((f) => [f.name, f]));
    this.#onEngine = onEngine;
    this.#logger = logger;
    this.#options = { ...WATCH_DEFAULTS, ...options };
  }

  /** Starts watching the folder. */
  start(): void {
    // Recursive: servers' articles live in `servers/<server id>/`, folders made when their first article is added.
    this.#watcher = watch(this.#dir, { recursive: true }, () => this.#schedule());
    this.#watcher.on('error', (error) =>
      this.#logger.error({ err: error, dir: this.#dir }, 'corpus watch failed'),
    );
  }

  /** Stops watching; a reload under way still completes. */
  async stop(): Promise<void> {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  /**
   * Compares the folder with the engine in service and, if anything differs, builds and hands over
   * a new engine. Reloads never overlap: one asked for while another runs follows it.
   */
  async reload(): Promise<ReloadResult> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      let result: ReloadResult;
      do {
        this.#again = false;
        result = await this.#reloadOnce();
      } while (this.#again);
      return result;
    })();
    try {
      return await this.#running;
    } finally {
      this.#running = null;
    }
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.reload().catch((error: unknown) =>
        this.#logger.error(
          { err: error, dir: this.#dir },
          'corpus reload failed; the previous corpus stays in service',
        ),
      );
    }, this.#options.debounceMs);
  }

  async #reloadOnce(): Promise<ReloadResult> {
    const result: ReloadResult = { added: [], changed: [], removed: [], broken: [], swapped: false };
    const { search, workers } = this.#options;
    const analysis = withSearchDefaults(search).analysis;
    // The terms of the files in service are numbered by their table; new ones are numbered on.
    const table = this.#files.values().next().value?.terms.table ?? new TermTable();
    const scan = await scanCorpus(this.#dir, this.#files, analysis, table, { workers });
    const broken = new Set(scan.broken.map((e) => e.file));
    for (const error of scan.broken) {
      const kept = this.#files.has(error.file);
      result.broken.push({ file: error.file, error: error.message, kept });
      this.#logger.error(
        { file: error.file, err: error },
        kept ? 'article not reloaded: its previous version stays in service' : 'new article not loaded',
      );
    }
    const next = new Map(scan.files.map((f) => [f.name, f]));
    for (const [name, file] of next) {
      const prior = this.#files.get(name);
      if (!prior) result.added.push(name);
      else if (prior.hash !== file.hash && !broken.has(name)) result.changed.push(name);
    }
    for (const name of this.#files.keys()) if (!next.has(name)) result.removed.push(name);
    if (result.added.length + result.changed.length + result.removed.length === 0) {
      // Files re-read with the same bytes: remember their new metadata, so they are not read again.
      this.#files = next;
      return result;
    }

    const files = [...next.values()];
    const articles = files.map((f) => f.article);
    const aliases = mergeAliases(
      files.map((f) => f.aliasParts),
      analysis,
    );
    const parts = await indexPartsOf(
      articles,
      files.map((f) => f.terms),
      search,
      aliases,
      { slices: true },
    );
    const engine = new Engine(articles, this.#options.search, parts);
    await engine.prepare();
    this.#files = next;
    this.#onEngine(engine);
    result.swapped = true;
    this.#logger.info(
      {
        articles: articles.length,
        added: result.added,
        changed: result.changed,
        removed: result.removed,
      },
      'corpus reloaded',
    );
    return result;
  }
}
