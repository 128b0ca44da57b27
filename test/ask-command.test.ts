import { beforeAll, describe, expect, it } from 'vitest';
import ask from '../commands/ask.ts';
import { optionsFrom } from '../src/commands.ts';
import { Engine } from '../src/engine/engine.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { renderTerminal } from '../src/cli/render.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const engine = new Engine([
  parseArticleFile(
    'port.txt',
    bytes(`---
title: Pilots strike at *Port* Alden
publisher: Daily Post
published: 2025-03-11
---
Pilots strike at Port Alden
Harbor pilots walked off the job on Tuesday. Fourteen ships wait outside the port.
The pilots' union said talks broke down over pension payments.
Port officials said losses reach $2 million a day. The union will meet on Friday.
`),
  ),
]);

describe('/ask', () => {
  it('declares a required question of at most 300 characters, an optional article and a private flag', () => {
    expect(ask.data).toMatchObject({
      name: 'ask',
      options: [
        { name: 'question', type: 3, required: true, max_length: 300 },
        { name: 'article', type: 3, autocomplete: true },
        { name: 'private', type: 5 },
      ],
    });
  });

  it('renders the best passage with the answer in bold and the next passages shorter, each cited', async () => {
    const reply = await ask.execute({
      engine,
      options: optionsFrom({ question: 'What broke the pilots talks down?' }),
    });
    expect(renderDiscord(reply)).toEqual({
      embeds: [
        {
          title: 'What broke the pilots talks down?',
          description:
            "**The pilots' union said talks broke down over pension payments.**\n-# *Pilots strike at \\*Port\\* Alden* · Daily Post · 11 Mar 2025 · ¶2",
          color: 0x2b6cb0,
          fields: [
            {
              name: 'Daily Post · 11 Mar 2025 · ¶1',
              value:
                '**Harbor pilots walked off the job on Tuesday.** Fourteen ships wait outside the port.\n-# Pilots strike at \\*Port\\* Alden',
            },
            {
              name: 'Daily Post · 11 Mar 2025 · headline',
              value: '**Pilots strike at Port Alden**\n-# Pilots strike at \\*Port\\* Alden',
            },
          ],
        },
      ],
    });
  });

  it('says plainly that the article does not say, naming what it never mentions, and privately when asked', async () => {
    const reply = await ask.execute({
      engine,
      options: optionsFrom({ question: 'What did Elon Musk say?', private: true }),
    });
    expect(renderDiscord(reply)).toEqual({
      embeds: [
        {
          title: 'What did Elon Musk say?',
          description: "The article doesn't say: it never mentions Elon Musk.",
          color: 0x718096,
        },
      ],
      flags: 64,
    });
  });

  it('escapes markdown in the question', async () => {
    const reply = await ask.execute({
      engine,
      options: optionsFrom({ question: 'Why did the **pilots** strike?' }),
    });
    expect(renderDiscord(reply).embeds![0]!.title).toBe('Why did the \\*\\*pilots\\*\\* strike?');
  });

  it('renders the same answer for the terminal', async () => {
    const reply = await ask.execute({
      engine,
      options: optionsFrom({ question: 'When will the union meet?' }),
    });
    expect(renderTerminal(reply).split('\n').slice(0, 2)).toEqual([
      '1. Port officials said losses reach $2 million a day. »The union will meet on Friday.«',
      '   — Pilots strike at *Port* Alden · Daily Post · 11 Mar 2025 · ¶3',
    ]);
  });
});

describe('/ask on the seed corpus', () => {
  let seed: Engine;
  beforeAll(async () => {
    seed = await Engine.load('corpus');
  });

  it('cites "The Times of Israel · 5 Mar 2025 · ¶4" for the envoy', async () => {
    const reply = await ask.execute({
      engine: seed,
      options: optionsFrom({ question: 'Who is Adam Boehler?' }),
    });
    expect(renderDiscord(reply).embeds![0]!.description).toMatch(
      /\n-# \*In 1st, .*\* · The Times of Israel · 5 Mar 2025 · ¶4$/,
    );
  });
});

describe('/ask with the article option', () => {
  const article = (file: string, title: string, published: string, body: string) =>
    parseArticleFile(file, bytes(`---\ntitle: ${title}\npublished: ${published}\n---\n${body}\n`));
  const two = new Engine([
    article('ferry.txt', 'Ferry crews strike', '2025-04-02', 'Ferry crews walked out on Monday over pay.'),
    article('rail.txt', 'Rail crews strike', '2025-05-09', 'Rail crews walked out on Friday over pay.'),
  ]);
  const cited = (reply: Awaited<ReturnType<typeof ask.execute>>) =>
    reply.type === 'answer' ? reply.answer.hits.map((h) => h.passage.citation.article) : [];

  it('searches every article without it, each citation naming its article', async () => {
    const reply = await ask.execute({
      engine: two,
      options: optionsFrom({ question: 'Why did crews walk out?' }),
    });
    expect(new Set(cited(reply))).toEqual(new Set(['Ferry crews strike', 'Rail crews strike']));
  });

  it('answers from that article only, by id or by title, and keeps it for "More results"', async () => {
    for (const value of ['rail', 'Rail crews']) {
      const reply = await ask.execute({
        engine: two,
        options: optionsFrom({ question: 'Why did crews walk out?', article: value }),
      });
      expect(cited(reply)).toEqual(['Rail crews strike']);
      expect(reply).toMatchObject({ type: 'answer', articleId: 'rail' });
    }
  });

  it('says the article does not say when the question is about another article', async () => {
    const reply = await ask.execute({
      engine: two,
      options: optionsFrom({ question: 'When did the ferry crews walk out?', article: 'rail' }),
    });
    expect(reply).toMatchObject({ type: 'answer', answer: { hits: [] } });
  });

  it('refuses an article that does not exist', () => {
    expect(() =>
      ask.execute({ engine: two, options: optionsFrom({ question: 'Why?', article: 'Tram strike' }) }),
    ).toThrow('No article\'s title matches "Tram strike".');
  });

  it('autocompletes article titles newest first, the value being the article id', () => {
    const choices = (value: string) =>
      ask.autocomplete!({ engine: two, focused: { name: 'article', value }, options: optionsFrom({}) });
    expect(choices('')).toEqual([
      { name: 'Rail crews strike', value: 'rail' },
      { name: 'Ferry crews strike', value: 'ferry' },
    ]);
    expect(choices('ferry')).toEqual([{ name: 'Ferry crews strike', value: 'ferry' }]);
  });
});
