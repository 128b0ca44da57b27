import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndexedCorpus } from '../src/engine/corpus/cache.ts';
import { listArticleFiles } from '../src/engine/corpus/files.ts';
import { CorpusWatcher } from '../src/engine/corpus/watch.ts';
import type { Engine } from '../src/engine/engine.ts';

const A = '1200000000000000001';
const B = '1200000000000000002';
const article = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A corpus with one shared article and one article in each of two servers. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'byline-servers-'));
  folders.push(dir);
  writeFileSync(
    join(dir, 'ferry.txt'),
    article('Ferry crews strike', 'Ferry crews walked out on Monday over pay.'),
  );
  for (const [server, title, body] of [
    [A, 'Harbour dredging approved', 'Harbour master Gwen Pryce said: “We must dredge the channel.”'],
    [B, 'Library closures', 'Councils closed 180 libraries, said campaigner Isobel Hart.'],
  ] as const) {
    mkdirSync(join(dir, 'servers', server), { recursive: true });
    writeFileSync(join(dir, 'servers', server, 'story.txt'), article(title, body));
  }
  mkdirSync(join(dir, 'servers', 'not-a-server'));
  writeFileSync(join(dir, 'servers', 'not-a-server', 'x.txt'), article('Ignored', 'Never read.'));
  return dir;
}

const titles = (engine: Engine) => engine.articles.map((a) => a.meta.title);

describe('servers in the corpus folder', () => {
  it('reads the shared articles, then each server folder, keeping same-named files apart', async () => {
    const dir = corpus();
    expect(await listArticleFiles(dir)).toEqual([
      'ferry.txt',
      `servers/${A}/story.txt`,
      `servers/${B}/story.txt`,
    ]);
    const { engine } = await loadIndexedCorpus(dir, { cacheDir: null });
    expect(engine.articles.map((a) => [a.id, a.collection])).toEqual([
      ['ferry', undefined],
      [`servers/${A}/story`, A],
      [`servers/${B}/story`, B],
    ]);
  });

  it('gives each server a view of the shared articles and its own; direct messages the shared ones', async () => {
    const { engine } = await loadIndexedCorpus(corpus(), { cacheDir: null });
    const a = engine.forServer(A);
    expect(titles(a)).toEqual(['Ferry crews strike', 'Harbour dredging approved']);
    expect(titles(engine.forServer(B))).toEqual(['Ferry crews strike', 'Library closures']);
    expect(titles(engine.forServer(null))).toEqual(['Ferry crews strike']);
    expect(engine.forServer(A)).toBe(a);
    expect(a.forServer(B)).toBe(engine.forServer(B));

    expect(a.ask('Who is Gwen Pryce?').hits[0]?.passage.articleId).toBe(`servers/${A}/story`);
    expect(engine.forServer(B).ask('Who is Gwen Pryce?').hits).toEqual([]);
    expect(a.quotes.speakers().map((s) => s.name)).toEqual(['Gwen Pryce']);
    expect(
      engine
        .forServer(B)
        .quotes.speakers()
        .map((s) => s.name),
    ).not.toContain('Gwen Pryce');
    expect(a.suggest('who is gw')).toContain('who is Gwen');
    expect(engine.forServer(B).suggest('who is gw')).toEqual(['who is gw']);
    expect(engine.forServer(B).findArticle('Harbour')).toBeNull();
    expect(engine.forServer(B).contextOf(`servers/${A}/story`, 0)).toBeNull();
  });

  it('keeps server articles in the index cache', async () => {
    const dir = corpus();
    const cacheDir = mkdtempSync(join(tmpdir(), 'byline-cache-'));
    folders.push(cacheDir);
    expect((await loadIndexedCorpus(dir, { cacheDir })).cache).toBe('rebuilt');
    const again = await loadIndexedCorpus(dir, { cacheDir });
    expect(again.cache).toBe('hit');
    expect(again.engine.forServer(A).ask('Who is Gwen Pryce?').hits).toHaveLength(1);
  });

  it("reloads an article added in a new server's folder while watching", async () => {
    const dir = corpus();
    const loaded = await loadIndexedCorpus(dir, { cacheDir: null });
    let engine = loaded.engine;
    const watcher = new CorpusWatcher(dir, loaded.files, (next) => (engine = next), silent, {
      debounceMs: 50,
    });
    watcher.start();
    try {
      const C = '1200000000000000003';
      mkdirSync(join(dir, 'servers', C));
      writeFileSync(
        join(dir, 'servers', C, 'bridge.md'),
        article('Bridge reopens', 'The bridge reopened on Friday.'),
      );
      await expect.poll(() => titles(engine.forServer(C)), { timeout: 5000 }).toContain('Bridge reopens');
      expect(titles(engine.forServer(A))).not.toContain('Bridge reopens');
    } finally {
      await watcher.stop();
    }
  });
});
