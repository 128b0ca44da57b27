import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot } from '../src/discord/bot.ts';
import { loadConfig } from '../src/config.ts';
import { CorpusWatcher } from '../src/engine/corpus/watch.ts';
import type { Engine } from '../src/engine/engine.ts';
import { loadIndexedCorpus } from '../src/engine/corpus/cache.ts';
import { createLogger } from '../src/logger.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

const article = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;
const FERRY = article('Ferry crews strike', 'Ferry crews walked out on Monday over pay.');
const RAIL = article('Rail crews strike', 'Rail crews walked out on Friday. Managers offered 3% more.');

type Json = Record<string, unknown>;

let corpus: string;
let engine: Engine;
let watcher: CorpusWatcher;
let logs: Json[];

const top = (question: string) => engine.ask(question).hits[0]?.passage.text ?? null;

beforeEach(async () => {
  corpus = makeTempDir('watch');
  writeFileSync(join(corpus, 'ferry.txt'), FERRY);
  writeFileSync(join(corpus, 'rail.txt'), RAIL);
  logs = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)) as Json);
        done();
      },
    }),
  });
  const loaded = await loadIndexedCorpus(corpus, { cacheDir: null });
  engine = loaded.engine;
  watcher = new CorpusWatcher(corpus, loaded.files, (next) => (engine = next), logger, { debounceMs: 20 });
});

afterEach(async () => {
  await watcher.stop();
  removeTempDirs();
});

describe('live reload of the corpus', () => {
  it('serves an added article, a changed one and forgets a removed one', async () => {
    writeFileSync(
      join(corpus, 'tram.txt'),
      article('Tram drivers vote', 'Tram drivers voted to accept the deal on Sunday.'),
    );
    writeFileSync(
      join(corpus, 'rail.txt'),
      article('Rail crews strike', 'Rail crews walked out on Friday. Managers offered 9% more.'),
    );
    rmSync(join(corpus, 'ferry.txt'));
    expect(await watcher.reload()).toEqual({
      added: ['tram.txt'],
      changed: ['rail.txt'],
      removed: ['ferry.txt'],
      broken: [],
      swapped: true,
    });
    expect(engine.articles.map((a) => a.id)).toEqual(['rail', 'tram']);
    expect(top('When did tram drivers vote?')).toBe('Tram drivers voted to accept the deal on Sunday.');
    expect(top('What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 9% more.',
    );
    expect(engine.ask('When did ferry crews walk out?').hits.map((h) => h.passage.articleId)).not.toContain(
      'ferry',
    );
    expect(logs.find((l) => l.msg === 'corpus reloaded')).toMatchObject({ articles: 2, added: ['tram.txt'] });
  });

  it('keeps the previous version of an article that no longer parses, and leaves out a broken new one', async () => {
    writeFileSync(join(corpus, 'rail.txt'), '---\ntitle: [unclosed\n---\nRail crews walked out.\n');
    writeFileSync(join(corpus, 'bad.txt'), '---\ntitel: A typo\n---\nText.\n');
    const before = engine;
    const result = await watcher.reload();
    expect(result.broken.map((b) => [b.file, b.kept])).toEqual([
      ['bad.txt', false],
      ['rail.txt', true],
    ]);
    expect(result.swapped).toBe(false);
    expect(engine).toBe(before);
    expect(top('What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 3% more.',
    );
    expect(logs.filter((l) => l.level === 50).map((l) => [l.file, l.msg])).toEqual([
      ['bad.txt', 'new article not loaded'],
      ['rail.txt', 'article not reloaded: its previous version stays in service'],
    ]);

    writeFileSync(join(corpus, 'tram.txt'), article('Tram drivers vote', 'Tram drivers voted on Sunday.'));
    expect((await watcher.reload()).swapped).toBe(true);
    expect(top('What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 3% more.',
    );
    expect(engine.articles.map((a) => a.id)).toEqual(['ferry', 'rail', 'tram']);
  });

  it('answers from the engine in service while the new one is built, then from the new one', async () => {
    writeFileSync(
      join(corpus, 'rail.txt'),
      article('Rail crews strike', 'Rail crews walked out on Friday. Managers offered 9% more.'),
    );
    const reloading = watcher.reload();
    // The new index is built in slices, yielding to the event loop: questions meanwhile get the old one.
    await new Promise((resolve) => setImmediate(resolve));
    expect(top('What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 3% more.',
    );
    const old = engine;
    await reloading;
    expect(top('What did managers offer?')).toBe(
      'Rail crews walked out on Friday. Managers offered 9% more.',
    );
    expect(old.ask('What did managers offer?').hits[0]!.passage.text).toBe(
      'Rail crews walked out on Friday. Managers offered 3% more.',
    );
  });

  it('reloads by itself when a file changes in the watched folder', async () => {
    const swapped = new Promise<void>((resolve) => {
      const replaced = engine;
      const poll = setInterval(() => {
        if (engine !== replaced) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    watcher.start();
    writeFileSync(join(corpus, 'tram.txt'), article('Tram drivers vote', 'Tram drivers voted on Sunday.'));
    await swapped;
    await watcher.stop();
    expect(top('When did tram drivers vote?')).toBe('Tram drivers voted on Sunday.');
  });
});

describe('live reload in the running bot', () => {
  it('answers from an article added while it runs, and an interaction sent during the swap is answered', async () => {
    const fake = await FakeDiscord.start();
    const config = loadConfig(
      {
        DISCORD_TOKEN: 'fake-reload-token.x',
        DISCORD_APPLICATION_ID: fake.options.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        CORPUS_DIR: corpus,
        CACHE_DIR: 'off',
        COOLDOWN_REQUESTS: '100',
      },
      null,
    );
    const bot = await startBot(config, { handleSignals: false, logger: createLogger({ level: 'silent' }) });
    try {
      const ask = async (question: string) => {
        const { id } = fake.sendSlashCommand('ask', { question });
        return JSON.stringify((await fake.waitForReply(id)).data);
      };
      expect(await ask('When did tram drivers vote?')).toContain("doesn't say");
      writeFileSync(join(corpus, 'tram.txt'), article('Tram drivers vote', 'Tram drivers voted on Sunday.'));
      const reloading = bot.watcher!.reload();
      const during = ask('What did managers offer?');
      expect((await reloading).swapped).toBe(true);
      expect(await during).toContain('Managers offered 3% more.');
      expect(await ask('When did tram drivers vote?')).toContain('Tram drivers voted on Sunday.');
      expect(bot.engine.articles.map((a) => a.id)).toEqual(['ferry', 'rail', 'tram']);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
