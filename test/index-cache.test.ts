import { cpSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.ts';
import { cachePath, loadIndexedCorpus } from '../src/engine/corpus/cache.ts';
import { createLogger } from '../src/logger.ts';
import { makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

const article = (title: string, body: string) =>
  `---\ntitle: ${title}\npublished: 2025-03-01\n---\n${body}\n`;

const FERRY = article(
  'Ferry crews strike',
  'Ferry crews walked out on Monday over pay. The union wants a 6% raise.',
);
const RAIL = article('Rail crews strike', 'Rail crews walked out on Friday. Managers offered 3% more.');
/** Text beyond Latin-1 (typographic quotes) is stored apart from the rest: both must load back. */
const TRAM = article('Tram talks', 'Tram drivers said the offer was “not enough”. Talks resume on Monday.');

let corpus: string;
let cacheDir: string;
let logs: Record<string, unknown>[];
const logger = () =>
  createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  });
const load = () => loadIndexedCorpus(corpus, { cacheDir, logger: logger() });
const top = (engine: Engine, question: string) => engine.ask(question).hits[0]?.passage.text ?? null;

afterEach(removeTempDirs);
beforeEach(() => {
  corpus = makeTempDir('corpus');
  cacheDir = makeTempDir('cache');
  logs = [];
  writeFileSync(join(corpus, 'ferry.txt'), FERRY);
  writeFileSync(join(corpus, 'rail.txt'), RAIL);
});

afterEach(() => {
  rmSync(corpus, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

/** Dates a file an hour back, so that its modification time is trusted (see `RACY_MS`). */
const age = (name: string) => {
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(join(corpus, name), past, past);
};

describe('the index cache', () => {
  it('is written on first load and loaded, not rebuilt, when nothing changed', async () => {
    const first = await load();
    expect(first.cache).toBe('rebuilt');
    expect(readdirSync(cacheDir)).toEqual([cachePath(cacheDir, corpus).split('/').pop()]);
    const second = await load();
    expect(second.cache).toBe('hit');
    expect(second.engine.articles.map((a) => a.meta.title)).toEqual([
      'Ferry crews strike',
      'Rail crews strike',
    ]);
    for (const q of [
      'What raise does the union want?',
      'What did managers offer?',
      'When did ferry crews walk out?',
    ]) {
      expect(second.engine.ask(q)).toEqual(first.engine.ask(q));
    }
  });

  it('answers from the new text after a file is edited, added or removed, and stores the change', async () => {
    await load();
    writeFileSync(
      join(corpus, 'rail.txt'),
      article('Rail crews strike', 'Rail crews walked out on Friday. Managers offered 9% more.'),
    );
    writeFileSync(
      join(corpus, 'tram.txt'),
      article('Tram drivers vote', 'Tram drivers voted to accept the deal on Sunday.'),
    );
    const edited = await load();
    expect(edited.cache).toBe('updated');
    expect(top(edited.engine, 'What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 9% more.',
    );
    expect(top(edited.engine, 'When did tram drivers vote?')).toBe(
      'Tram drivers voted to accept the deal on Sunday.',
    );
    expect(top(edited.engine, 'What did managers offer?')).toBe(
      top(new Engine(edited.engine.articles), 'What did managers offer?'),
    );

    const again = await load();
    expect(again.cache).toBe('hit');
    expect(top(again.engine, 'What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 9% more.',
    );

    const { rmSync } = await import('node:fs');
    rmSync(join(corpus, 'ferry.txt'));
    const removed = await load();
    expect(removed.cache).toBe('updated');
    expect(removed.engine.articles.map((a) => a.id)).toEqual(['rail', 'tram']);
    expect(removed.engine.ask('What raise does the union want?').hits).toEqual([]);
  });

  it('detects a corrupt or truncated cache, says so in the log, and rebuilds it', async () => {
    await load();
    const path = cachePath(cacheDir, corpus);
    const whole = readFileSync(path);
    for (const damaged of [
      whole.subarray(0, whole.length - 20),
      Buffer.from(whole.toString('utf8').replace('walked', 'walkex')),
      Buffer.from('not a cache at all'),
    ]) {
      writeFileSync(path, damaged);
      logs = [];
      const reloaded = await load();
      expect(reloaded.cache).toBe('rebuilt');
      expect(logs.some((l) => l.msg === 'index cache not used: rebuilding')).toBe(true);
      expect(top(reloaded.engine, 'What raise does the union want?')).toBe(
        'Ferry crews walked out on Monday over pay. The union wants a 6% raise.',
      );
      expect((await load()).cache).toBe('hit');
    }
  });

  it('is not used for other analysis options', async () => {
    await load();
    const other = await loadIndexedCorpus(corpus, {
      cacheDir,
      search: { analysis: { stem: false, stopWords: new Set() } },
      logger: logger(),
    });
    expect(other.cache).toBe('rebuilt');
    expect(logs.find((l) => l.msg === 'index cache not used: rebuilding')).toMatchObject({
      reason: 'made with other options or code',
    });
  });

  it('loads without a cache folder when the cache is off', async () => {
    const { engine, cache } = await loadIndexedCorpus(corpus, { cacheDir: null });
    expect(cache).toBe('none');
    expect(engine.articles).toHaveLength(2);
  });

  it('is written in the binary format: a JSON header line, then sections that load back as they were', async () => {
    writeFileSync(join(corpus, 'tram.txt'), TRAM);
    const first = await load();
    const data = readFileSync(cachePath(cacheDir, corpus));
    const newline = data.indexOf(10);
    expect((newline + 1) % 8).toBe(0);
    const header = JSON.parse(data.subarray(0, newline).toString('utf8')) as {
      format: string;
      version: number;
      sections: Record<string, [number, number]>;
    };
    expect(header).toMatchObject({ format: 'byline-index-cache', version: 3 });
    expect(Object.keys(header.sections)).toEqual([
      'files',
      'texts',
      'wideTexts',
      'vocabulary',
      'wideBlocks',
      'shape',
      'fieldLengths',
      'postingStart',
      'postingTerms',
      'postingCounts',
      'keyStart',
      'keyTerms',
    ]);
    const [offset, length] = header.sections.texts!;
    const texts = data.subarray(newline + 1 + offset, newline + 1 + offset + length).toString('utf8');
    expect(texts.split('\u0000')).toContain('Rail crews walked out on Friday. Managers offered 3% more.');

    const second = await load();
    expect(second.cache).toBe('hit');
    expect(second.engine.articles).toEqual(first.engine.articles);
    expect(top(second.engine, 'What did tram drivers say of the offer?')).toBe(
      'Tram drivers said the offer was “not enough”. Talks resume on Monday.',
    );
    expect(second.engine.index.miniSearch.toJSON()).toEqual(first.engine.index.miniSearch.toJSON());
    expect([...second.engine.index.documentFrequency]).toEqual([...first.engine.index.documentFrequency]);
  });

  it('loads an unchanged corpus without reading its files, and reads only what changed', async () => {
    age('ferry.txt');
    age('rail.txt');
    expect(await load()).toMatchObject({ cache: 'rebuilt', hashed: 2, parsed: 2 });
    expect(await load()).toMatchObject({ cache: 'hit', hashed: 0, parsed: 0 });

    // Touched, same bytes: read and hashed once, not parsed, and not read again after.
    const now = new Date();
    utimesSync(join(corpus, 'ferry.txt'), now, now);
    expect(await load()).toMatchObject({ cache: 'hit', hashed: 1, parsed: 0 });
    age('ferry.txt');
    expect(await load()).toMatchObject({ cache: 'hit', hashed: 1, parsed: 0 });
    expect(await load()).toMatchObject({ cache: 'hit', hashed: 0, parsed: 0 });

    writeFileSync(
      join(corpus, 'rail.txt'),
      article('Rail crews strike', 'Rail crews walked out on Friday. Managers offered 7% more.'),
    );
    age('rail.txt');
    const changed = await load();
    expect(changed).toMatchObject({ cache: 'updated', hashed: 1, parsed: 1 });
    expect(top(changed.engine, 'What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 7% more.',
    );
    expect(await load()).toMatchObject({ cache: 'hit', hashed: 0, parsed: 0 });
  });

  it('builds in worker threads the same index as on one thread, and as indexing the text directly', async () => {
    const dir = makeTempDir('corpus');
    try {
      cpSync('test/eval/corpus', dir, { recursive: true });
      cpSync('test/heldout/corpus', dir, { recursive: true });
      const inWorkers = await loadIndexedCorpus(dir, { cacheDir: null, workers: 2 });
      const inThread = await loadIndexedCorpus(dir, { cacheDir: null, workers: 0 });
      const direct = new Engine(inThread.engine.articles);
      expect(inWorkers.engine.articles).toEqual(inThread.engine.articles);
      for (const other of [inThread.engine, direct]) {
        expect(inWorkers.engine.index.miniSearch.toJSON()).toEqual(other.index.miniSearch.toJSON());
        expect([...inWorkers.engine.index.documentFrequency]).toEqual([...other.index.documentFrequency]);
      }
      const questions = (
        JSON.parse(readFileSync('test/heldout/questions.json', 'utf8')) as { questions: { q: string }[] }
      ).questions.map((q) => q.q);
      for (const q of questions) expect(inWorkers.engine.ask(q)).toEqual(direct.ask(q));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with the file name when a worker meets a broken file', async () => {
    writeFileSync(join(corpus, 'broken.txt'), Buffer.from([0x66, 0x00, 0xff]));
    await expect(loadIndexedCorpus(corpus, { cacheDir: null, workers: 2 })).rejects.toThrow(
      'broken.txt: the text is not valid UTF-8',
    );
  });
});
