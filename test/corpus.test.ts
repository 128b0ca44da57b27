import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus, parseArticleFile } from '../src/engine/corpus/files.ts';
import { CorpusError } from '../src/engine/errors.ts';
import { makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

afterEach(removeTempDirs);

const bytes = (text: string) => new TextEncoder().encode(text);
const folder = (files: Record<string, string | Uint8Array>) => {
  const dir = makeTempDir('corpus');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};
const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CorpusError) return error.message;
    throw error;
  }
  throw new Error('expected a CorpusError');
};

describe('parseArticleFile', () => {
  it('reads title, publisher and date from front matter', () => {
    const article = parseArticleFile(
      'story.md',
      bytes(
        '---\ntitle: Port strike\npublisher: Daily Post\npublished: 2025-03-11\n---\n# Port strike\n\nPilots walked out.\n',
      ),
    );
    expect(article).toMatchObject({
      id: 'story',
      file: 'story.md',
      meta: { title: 'Port strike', publisher: 'Daily Post', published: '2025-03-11' },
    });
    expect(article.meta).not.toHaveProperty('url');
  });

  it('takes the headline as title and leaves publisher and date unknown without front matter', () => {
    const article = parseArticleFile(
      'plain.txt',
      bytes('Pilots strike at Port Alden\nPilots walked out on Tuesday.\n'),
    );
    expect(article.meta).toEqual({ title: 'Pilots strike at Port Alden', publisher: null, published: null });
  });

  it('rejects front matter with an unknown key, naming the file and the key', () => {
    expect(
      problemOf(() =>
        parseArticleFile('a.txt', bytes('---\ntitle: T\npublishd: 2025-01-01\n---\nBody text.\n')),
      ),
    ).toBe(
      'a.txt: bad front matter: unknown key publishd (allowed: title, publisher, published, url, byline, added_by, added_at)',
    );
  });

  it('rejects a date it cannot read, or one without a year', () => {
    const problem = (date: string) =>
      problemOf(() =>
        parseArticleFile('b.txt', bytes(`---\ntitle: T\npublished: ${date}\n---\nBody text.\n`)),
      );
    expect(problem('March 5')).toBe('b.txt: bad front matter: published must be a date, written YYYY-MM-DD');
    expect(problem('soon')).toBe('b.txt: bad front matter: published must be a date, written YYYY-MM-DD');
  });

  it('reads a written date, an ISO time, and the usual other names of keys; ignores site-generator keys', () => {
    const meta = (front: string) => parseArticleFile('c.md', bytes(`---\n${front}\n---\nBody text.\n`)).meta;
    expect(meta('title: T\npublished: March 5, 2025')).toMatchObject({ published: '2025-03-05' });
    expect(meta('title: T\npublished: "2025-03-05T23:30:00Z"')).toMatchObject({ published: '2025-03-05' });
    expect(
      meta('title: T\ndate: 2025-03-05\nsource: Daily Post\nauthor: [Ann Lee, Bo Chen]\ntags: [gaza]'),
    ).toEqual({
      title: 'T',
      publisher: 'Daily Post',
      published: '2025-03-05',
      byline: 'Ann Lee, Bo Chen',
    });
    expect(problemOf(() => meta('title: T\ndate: 2025-03-05\npublished: 2025-03-06'))).toBe(
      'c.md: bad front matter: published is given twice (date and published)',
    );
  });

  it('falls back to the file name when neither front matter nor text gives a title', () => {
    expect(
      parseArticleFile('port-strike_day2.txt', bytes('The strike went on. Pickets stayed.\n')).meta.title,
    ).toBe('port strike day2');
  });

  it('rejects broken YAML', () => {
    expect(
      problemOf(() => parseArticleFile('c.txt', bytes('---\ntitle: [unclosed\n---\nBody text.\n'))),
    ).toMatch(/^c\.txt: the front matter is not valid YAML: /);
  });

  it('rejects broken YAML every time it is read, not only the first', () => {
    const broken = bytes('---\ntitle: [unclosed\n---\nBody text.\n');
    for (let i = 0; i < 2; i++) expect(() => parseArticleFile('again.txt', broken)).toThrow(CorpusError);
  });

  it('rejects a file with no body text', () => {
    expect(problemOf(() => parseArticleFile('d.txt', bytes('---\ntitle: Only a title\n---\n\n')))).toBe(
      'd.txt: the article has no body text',
    );
  });

  it('rejects text that is not UTF-8, and binary files', () => {
    expect(problemOf(() => parseArticleFile('e.txt', new Uint8Array([0x48, 0xff, 0xfe, 0x41])))).toBe(
      'e.txt: the text is not valid UTF-8',
    );
    expect(problemOf(() => parseArticleFile('f.txt', bytes('Title\n\u0000Body.')))).toBe(
      'f.txt: the file is binary, not text',
    );
  });
});

describe('loadCorpus', () => {
  it('loads every .txt and .md article in file-name order and ignores other files', async () => {
    const dir = folder({
      'b.md': '# Second\n\nBody two.\n',
      'a.txt': 'First\nBody one.\n',
      'notes.json': '{}',
      '.hidden.txt': 'Hidden\nBody.\n',
    });
    expect((await loadCorpus(dir)).map((a) => a.meta.title)).toEqual(['First', 'Second']);
  });

  it('stops with a clear message for a missing or empty folder', async () => {
    await expect(loadCorpus('/nonexistent/byline')).rejects.toThrow(
      '/nonexistent/byline: the corpus folder does not exist',
    );
    const empty = makeTempDir('empty');
    mkdirSync(join(empty, 'sub'));
    await expect(loadCorpus(empty)).rejects.toThrow(
      `${empty}: the corpus folder has no articles (.txt or .md files)`,
    );
  });

  it('stops at the first bad file, naming it', async () => {
    const dir = folder({ 'good.txt': 'Title\nBody.\n', 'bad.txt': '---\ntitle: ""\n---\nBody.\n' });
    await expect(loadCorpus(dir)).rejects.toThrow('bad.txt: bad front matter: title must not be empty');
  });

  it('loads the real corpus', async () => {
    const [seed] = await loadCorpus('corpus');
    expect(seed!.meta).toEqual({
      title: 'In 1st, US holding secret direct talks with Hamas to free American hostages, end war',
      publisher: 'The Times of Israel',
      published: '2025-03-05',
    });
  });
});
