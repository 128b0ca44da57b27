import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
});
