import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { extractFromHtml } from '../src/ingest/extract.ts';
import { readLink, readNamedBytes } from '../src/ingest/source.ts';
import { listArticles, removeArticle, storeArticle } from '../src/ingest/store.ts';
import { startNewsServer, type NewsServer } from './support/news-server.ts';

const PAGES = join(import.meta.dirname, 'fixtures', 'pages');
const page = (name: string) => readFileSync(join(PAGES, name), 'utf8');

/** The article a page gives once stored: what a reader of the corpus sees. */
function parsedFrom(name: string) {
  const { meta, markdown } = extractFromHtml(page(name), 'http://127.0.0.1/page');
  const article = parseArticleFile('page.md', new TextEncoder().encode(markdown));
  return {
    meta,
    markdown,
    paragraphs: article.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text),
    blocks: article.blocks,
  };
}

/** Words of page furniture in the fixtures: none may survive into an article. */
const FURNITURE =
  /cookie|newsletter|sign up|subscribe|related|most (read|viewed)|\bshare\b|copyright|©|all rights reserved|contributed to this report|advertisement|leave a reply|powered by|great write-up|photograph:|ap photo|skip to/i;

let site: NewsServer;
const folders: string[] = [];
const tempFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'byline-ingest-'));
  folders.push(dir);
  return dir;
};
beforeAll(async () => {
  site = await startNewsServer();
});
afterAll(async () => {
  await site.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('extractFromHtml', () => {
  it('reads a wire story: JSON-LD metadata, the date in its own time zone, no credit line', () => {
    const { meta, paragraphs } = parsedFrom('wire.html');
    expect(meta).toEqual({
      title: 'Flooded Ohio River towns begin cleanup as water recedes',
      publisher: 'The Associated Press',
      published: '2025-04-09',
      byline: 'Dylan Lovan, Patrick Aftoora-Orsagos',
      url: 'https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c',
    });
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^FALMOUTH, Ky\. \(AP\) — Residents of river towns/);
    expect(paragraphs.at(-1)).toMatch(/^Insurance adjusters arrived in Falmouth/);
  });

  it('reads a British paper from Open Graph and meta tags, with its standfirst and subheading', () => {
    const { meta, paragraphs, blocks } = parsedFrom('british.html');
    expect(meta).toEqual({
      title: 'Library closures: councils in England shut 180 branches in two years',
      publisher: 'The Northern Chronicle',
      published: '2025-01-29',
      byline: 'Harriet Sedley',
      url: 'https://www.northernchronicle.example/society/2025/jan/29/library-closures-england-councils',
    });
    expect(paragraphs).toHaveLength(6);
    expect(blocks.find((b) => b.kind === 'standfirst')?.text).toMatch(
      /^Campaigners warn of a ‘slow vanishing’/,
    );
    expect(blocks.find((b) => b.kind === 'subheading')?.text).toBe('‘A slow vanishing’');
  });

  it('reads a blog post whose JSON-LD is a @graph with @id references', () => {
    const { meta, paragraphs } = parsedFrom('blog.html');
    expect(meta).toEqual({
      title: 'What six months of shared e-bikes taught our town',
      publisher: 'Pedal Notes',
      published: '2024-11-18',
      byline: 'Marisol Okafor',
      url: 'https://pedalnotes.example/2024/11/shared-ebikes-six-months/',
    });
    expect(paragraphs[0]).toMatch(/^When the town council agreed last spring/);
    expect(paragraphs.at(-1)).toMatch(/^Councillors will vote on December 9/);
    expect(paragraphs).toHaveLength(7); // five paragraphs and a list of two
  });

  it('reads a page whose text is in JSON-LD only (articleBody)', () => {
    const { meta, paragraphs } = parsedFrom('jsonld-only.html');
    expect(meta).toEqual({
      title: 'Harbour authority approves £90m dredging plan',
      publisher: 'Coastal Ledger',
      published: '2025-02-14',
      byline: 'Tomasz Wierzbicki',
      url: 'https://coastalledger.example/news/harbour-dredging-approved',
    });
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[2]).toBe(
      'Harbour master Gwen Pryce said the port would lose business to Southampton and Felixstowe without the work. “Ships are getting bigger every year. If we stand still, we fall behind,” she said.',
    );
  });

  it.each(['wire.html', 'british.html', 'blog.html', 'jsonld-only.html'])(
    'keeps no page furniture from %s: cookie banners, newsletter boxes, related lists, footers, credits',
    (name) => {
      const { blocks } = parsedFrom(name);
      expect(blocks.filter((b) => FURNITURE.test(b.text)).map((b) => b.text)).toEqual([]);
    },
  );
});

describe('storeArticle', () => {
  const by = { by: 'Test <1>', at: new Date('2025-06-01T12:00:00Z') };

  it('writes the article as a file with front matter that the corpus loads as it is', async () => {
    const corpusDir = tempFolder();
    const draft = await readLink(`${site.origin}/news/ohio-river-flood`, { allowPrivate: true });
    const { status, article } = await storeArticle(draft, { corpusDir, serverId: null }, by);
    expect(status).toBe('added');
    expect(article.file).toBe(
      join(corpusDir, '2025-04-09-flooded-ohio-river-towns-begin-cleanup-as-water-recedes.md'),
    );
    const text = readFileSync(article.file, 'utf8');
    expect(text.split('\n# ')[0]).toBe(
      [
        '---',
        'title: Flooded Ohio River towns begin cleanup as water recedes',
        'publisher: The Associated Press',
        "published: '2025-04-09'",
        "byline: 'Dylan Lovan, Patrick Aftoora-Orsagos'",
        "url: 'https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c'",
        'added_by: Test <1>',
        "added_at: '2025-06-01T12:00:00.000Z'",
        '---',
      ].join('\n'),
    );
    expect(parseArticleFile('a.md', readFileSync(article.file)).meta).toEqual({
      title: 'Flooded Ohio River towns begin cleanup as water recedes',
      publisher: 'The Associated Press',
      published: '2025-04-09',
      byline: 'Dylan Lovan, Patrick Aftoora-Orsagos',
      url: 'https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c',
    });
  });

  it('writes nothing for the same canonical URL, or the same text under another URL', async () => {
    const corpusDir = tempFolder();
    const collection = { corpusDir, serverId: null };
    const draft = await readLink(`${site.origin}/news/ohio-river-flood`, { allowPrivate: true });
    await storeArticle(draft, collection, by);
    const again = await readLink(`${site.origin}/redirect/2`, { allowPrivate: true });
    expect((await storeArticle(again, collection, by)).status).toBe('present');
    const moved = { ...draft, meta: { ...draft.meta, url: 'https://mirror.example/flood' } };
    expect((await storeArticle(moved, collection, by)).status).toBe('present');
    expect(readdirSync(corpusDir)).toHaveLength(1);
  });

  it("keeps a server's articles in its folder, where shared ones count as present", async () => {
    const corpusDir = tempFolder();
    const shared = await readLink(`${site.origin}/news/harbour-dredging`, { allowPrivate: true });
    await storeArticle(shared, { corpusDir, serverId: null }, by);
    const server = { corpusDir, serverId: '123456789012345678' };
    expect((await storeArticle(shared, server, by)).status).toBe('present');
    const own = await readLink(`${site.origin}/society/library-closures`, { allowPrivate: true });
    const { article } = await storeArticle(own, server, by);
    expect(article.file).toBe(
      join(
        corpusDir,
        'servers',
        '123456789012345678',
        '2025-01-29-library-closures-councils-in-england-shut-180-branches-in.md',
      ),
    );
    expect((await listArticles(server)).map((a) => a.title)).toEqual([
      'Library closures: councils in England shut 180 branches in two years',
    ]);
    await expect(storeArticle(own, { corpusDir, serverId: '../x' }, by)).rejects.toThrow(
      'is not a server id',
    );
  });

  it('lists newest added first and removes by id or title', async () => {
    const corpusDir = tempFolder();
    const collection = { corpusDir, serverId: null };
    for (const [path, day] of [
      ['/news/ohio-river-flood', '01'],
      ['/2024/11/shared-ebikes-six-months/', '02'],
    ] as const) {
      const draft = await readLink(`${site.origin}${path}`, { allowPrivate: true });
      await storeArticle(draft, collection, { by: 'Test', at: new Date(`2025-06-${day}T00:00:00Z`) });
    }
    const list = await listArticles(collection);
    expect(list.map((a) => [a.title, a.paragraphs, a.addedBy])).toEqual([
      ['What six months of shared e-bikes taught our town', 7, 'Test'],
      ['Flooded Ohio River towns begin cleanup as water recedes', 6, 'Test'],
    ]);
    await removeArticle(collection, 'what six months of shared e-bikes taught our town');
    await removeArticle(collection, list[1]!.id);
    expect(readdirSync(corpusDir)).toEqual([]);
    await expect(removeArticle(collection, 'nothing')).rejects.toThrow(
      'No article "nothing" in the shared corpus.',
    );
  });

  it('refuses a page without article text, and writes nothing', async () => {
    const corpusDir = tempFolder();
    const draft = await readLink(`${site.origin}/empty`, { allowPrivate: true });
    await expect(storeArticle(draft, { corpusDir, serverId: null }, by)).rejects.toThrow(
      'No article found there: the page has no article text.',
    );
    expect(readdirSync(corpusDir)).toEqual([]);
  });

  it('reads text and Markdown files (attachments) as articles, front matter included', () => {
    const md = readNamedBytes(
      'notes.md',
      new TextEncoder().encode(
        '---\npublisher: Ardley Gazette\n---\n# Bridge reopens\n\nThe bridge reopened on Friday.\n',
      ),
    );
    expect(md).toMatchObject({
      meta: { title: 'Bridge reopens', publisher: 'Ardley Gazette' },
      extension: '.md',
    });
    expect(() => readNamedBytes('photo.png', new Uint8Array([1]))).toThrow(
      'photo.png is not an article file: Byline reads .html, .htm, .txt and .md files.',
    );
  });
});

/** Runs `npm run article` as the hidden check does, without blocking the local site. */
function article(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/article.ts', ...args],
      { env: { ...process.env, CACHE_DIR: 'off', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run article', { timeout: 60_000 }, () => {
  it('refuses 127.0.0.1 without ALLOW_PRIVATE_URLS, with exit code 2 and nothing written', async () => {
    const corpusDir = tempFolder();
    const r = await article(['add', '--json', `${site.origin}/news/ohio-river-flood`], {
      CORPUS_DIR: corpusDir,
    });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Byline does not fetch from private networks: 127.0.0.1 is a loopback address (this machine).\n',
    });
    expect(readdirSync(corpusDir)).toEqual([]);
  });

  it('adds a page and prints its JSON; a second add keeps one file', async () => {
    const corpusDir = tempFolder();
    const env = { CORPUS_DIR: corpusDir, ALLOW_PRIVATE_URLS: 'true' };
    const first = await article(['add', '--json', `${site.origin}/society/library-closures`], env);
    expect(first.code).toBe(0);
    const file = join(corpusDir, '2025-01-29-library-closures-councils-in-england-shut-180-branches-in.md');
    const json = {
      title: 'Library closures: councils in England shut 180 branches in two years',
      publisher: 'The Northern Chronicle',
      published: '2025-01-29',
      byline: 'Harriet Sedley',
      url: 'https://www.northernchronicle.example/society/2025/jan/29/library-closures-england-councils',
      paragraphs: 6,
      file,
    };
    expect(JSON.parse(first.stdout)).toEqual(json);
    const second = await article(['add', '--json', `${site.origin}/society/library-closures`], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(json);
    expect(second.stderr).toMatch(/^Already in the corpus: /);
    expect(readdirSync(corpusDir)).toEqual([file.split('/').at(-1)]);
  });

  it.each(['/missing', '/photo.png', '/huge'])('exits 2 and writes nothing for %s', async (path) => {
    const corpusDir = tempFolder();
    const r = await article(['add', '--json', `${site.origin}${path}`], {
      CORPUS_DIR: corpusDir,
      ALLOW_PRIVATE_URLS: 'true',
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(corpusDir)).toEqual([]);
  });

  it('adds a file, to a server with --server, lists and removes it', async () => {
    const corpusDir = tempFolder();
    const source = join(tempFolder(), 'harbour.html');
    writeFileSync(source, page('jsonld-only.html'));
    const env = { CORPUS_DIR: corpusDir };
    const added = await article(['add', '--json', '--server', '223456789012345678', source], env);
    expect(added.code).toBe(0);
    const { file } = JSON.parse(added.stdout) as { file: string };
    expect(file).toBe(
      join(
        corpusDir,
        'servers',
        '223456789012345678',
        '2025-02-14-harbour-authority-approves-90m-dredging-plan.md',
      ),
    );
    const list = await article(['list', '--server', '223456789012345678'], env);
    expect(list.stdout).toBe(
      '2025-02-14-harbour-authority-approves-90m-dredging-plan\tHarbour authority approves £90m dredging plan — Coastal Ledger · 2025-02-14 · 5 paragraphs\n',
    );
    expect(
      (
        await article(
          ['remove', '--server', '223456789012345678', 'Harbour authority approves £90m dredging plan'],
          env,
        )
      ).code,
    ).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect((await article(['add', join(corpusDir, 'nope.html')], env)).code).toBe(2);
  });
});
