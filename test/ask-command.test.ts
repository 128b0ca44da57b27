import { beforeAll, describe, expect, it } from 'vitest';
import ask from '../commands/ask.ts';
import { optionsFrom } from '../src/commands.ts';
import { Engine } from '../src/engine.ts';
import { parseArticleFile } from '../src/corpus.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { renderTerminal } from '../src/render/terminal.ts';

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
  it('declares a required question of at most 300 characters and an optional private flag', () => {
    expect(ask.data).toMatchObject({
      name: 'ask',
      options: [
        { name: 'question', type: 3, required: true, max_length: 300 },
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
