import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import summaryCommand from '../commands/summary.ts';
import { optionsFrom } from '../src/commands.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { Engine } from '../src/engine/engine.ts';
import { UserError } from '../src/engine/errors.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { renderJson } from '../src/cli/json.ts';
import { renderTerminal } from '../src/cli/render.ts';
import type { SummaryReply } from '../src/reply.ts';
import type { Article } from '../src/engine/types.ts';
import { childEnv, removeTempDirs } from './support/temp-dirs.ts';

afterAll(removeTempDirs);

function load(dir: string): Article[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => parseArticleFile(f, readFileSync(join(dir, f))));
}

const engine = new Engine([...load('corpus'), ...load('test/eval/articles')]);

async function run(values: Record<string, string | boolean>): Promise<SummaryReply> {
  const reply = await summaryCommand.execute({ engine, options: optionsFrom(values) });
  if (reply.type !== 'summary') throw new Error(`expected a summary reply, got ${reply.type}`);
  return reply;
}

describe('/summary', () => {
  it('summarises the newest article at medium length by default', async () => {
    const reply = await run({});
    expect(reply.summary.title).toBe(
      "Riverton's e-bike share hit 1 million rides. Here's what the data says",
    );
    expect(reply.length).toBe('medium');
    expect(reply.summary.sentences).toHaveLength(5);
    expect(reply.ephemeral).toBe(false);
  });

  it('picks the article whose title contains the words given', async () => {
    const reply = await run({ article: 'nordvik steel', length: 'short', private: true });
    expect(reply.summary.title).toBe('Nordvik Steel to cut 2,400 jobs as European demand slumps');
    expect(reply.summary.sentences).toHaveLength(3);
    expect(reply.ephemeral).toBe(true);
  });

  it('refuses an unknown length or article with a message for the user', async () => {
    await expect(run({ length: 'huge' })).rejects.toBeInstanceOf(UserError);
    await expect(run({ length: 'huge' })).rejects.toThrow(
      'Length must be short, medium or long, not "huge".',
    );
    await expect(run({ length: 'constructor' })).rejects.toThrow(
      'Length must be short, medium or long, not "constructor".',
    );
    await expect(run({ article: 'moon landing' })).rejects.toThrow(
      'No article\'s title matches "moon landing".',
    );
  });

  it('autocompletes article titles, newest first, with the article id as value', () => {
    const all = summaryCommand.autocomplete({
      engine,
      focused: { name: 'article', value: '' },
      options: optionsFrom({}),
    });
    expect(all.map((c) => c.value)).toEqual([
      'blog-ebike-share',
      'guardian-library-closures',
      'ap-ohio-river-flood',
      'reuters-nordvik-steel',
      '000_42abb1b6aa39227c',
    ]);
    const typed = summaryCommand.autocomplete({
      engine,
      focused: { name: 'article', value: 'HAMAS' },
      options: optionsFrom({}),
    });
    expect(typed).toEqual([
      {
        name: 'In 1st, US holding secret direct talks with Hamas to free American hostages, end war',
        value: '000_42abb1b6aa39227c',
      },
    ]);
  });

  it('prints the JSON contract: sentences with text and citation, nothing else', async () => {
    const json = renderJson(await run({ article: 'Hamas', length: 'short' }));
    expect(Object.keys(json as object)).toEqual(['sentences']);
    const { sentences } = json as { sentences: { text: string; citation: Record<string, unknown> }[] };
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toEqual({
      text: expect.stringMatching(
        /^US President Donald Trump’s administration is holding direct talks with Hamas/,
      ),
      citation: {
        article: 'In 1st, US holding secret direct talks with Hamas to free American hostages, end war',
        publisher: 'The Times of Israel',
        published: '2025-03-05',
        paragraph: 1,
        section: null,
        kind: 'paragraph',
      },
    });
    expect(Object.keys(sentences[0]!)).toEqual(['text', 'citation']);
  });

  it('answers an unknown focus with no sentences and says the article does not say', async () => {
    const reply = await run({ article: 'Hamas', focus: 'Elon Musk' });
    expect(renderJson(reply)).toEqual({ sentences: [] });
    expect(renderTerminal(reply)).toBe(
      "“In 1st, US holding secret direct talks with Hamas to free American hostages, end war” doesn't say anything about Elon Musk.",
    );
  });

  it('renders each sentence with its paragraph number in the terminal and on Discord', async () => {
    const reply = await run({ article: 'Hamas', focus: 'humanitarian aid' });
    const terminal = renderTerminal(reply);
    expect(terminal).toMatch(/^What “In 1st, US holding .*” says about humanitarian aid:/);
    expect(terminal).toContain('(¶19)');
    expect(terminal).toContain('(¶20)');
    expect(terminal.trimEnd().split('\n').at(-1)).toBe('— The Times of Israel · 5 Mar 2025');
    const discord = renderDiscord(reply);
    const embed = discord.embeds![0]!;
    expect(embed.description!.split('\n\n').map((line) => /\*\(¶(\d+)\)\*$/.exec(line)?.[1])).toEqual([
      '19',
      '20',
    ]);
    expect(embed.footer?.text).toBe('The Times of Israel · 5 Mar 2025 · medium summary');
  });
});

describe('/summary on Discord', () => {
  const online = parseArticleFile(
    'online.txt',
    new TextEncoder().encode(
      [
        '---',
        'title: Council approves budget',
        'publisher: The Courier',
        'published: 2026-01-05',
        'url: https://example.com/news/budget',
        '---',
        ...Array.from(
          { length: 10 },
          (_, i) => `Councillor number ${i + 1} voted on item ${i + 11} of the budget on Monday evening.\n`,
        ),
      ].join('\n'),
    ),
  );
  const local = new Engine([online]);
  const render = async (length: string) => {
    const reply = await summaryCommand.execute({ engine: local, options: optionsFrom({ length }) });
    return renderDiscord(reply).embeds![0]!.description!;
  };

  it('links each sentence of a short summary to its place online, after its paragraph number', async () => {
    const paragraphs = (await render('short')).split('\n\n');
    expect(paragraphs).toHaveLength(3);
    for (const p of paragraphs)
      expect(p).toMatch(
        / \*\(\[¶\d+\]\(https:\/\/example\.com\/news\/budget#:~:text=Councillor%20number%20\d+%20voted,[^)]+\)\)\*$/,
      );
  });

  it('shows a long summary as a bullet list', async () => {
    const lines = (await render('long')).split('\n');
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(line).toMatch(/^- Councillor number \d+ voted/);
  });
});

describe('npm run summary -- --json', () => {
  it('prints only the JSON contract on standard output', () => {
    const result = spawnSync('npx', ['tsx', 'src/cli/cli.ts', 'summary', '--json', '--length', 'short'], {
      encoding: 'utf8',
      env: childEnv({ CORPUS_DIR: 'corpus' }),
    });
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { sentences: { text: string }[] };
    expect(out.sentences.map((s) => s.text.slice(0, 30))).toEqual([
      'US President Donald Trump’s ad',
      'The White House later confirme',
      'The secret talks being held by',
    ]);
  });
});
