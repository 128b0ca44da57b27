import { describe, expect, it } from 'vitest';
import { buttonsFor, replyToButton, STALE_BUTTON_MESSAGE } from '../src/discord/buttons.ts';
import { Cooldown } from '../src/discord/cooldown.ts';
import { compactQuestion, decodeCustomId, encodeCustomId, refersTo } from '../src/discord/custom-ids.ts';
import { stripDiscordTags } from '../src/discord/respond.ts';
import { Engine } from '../src/engine/engine.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';

const article = (name: string, text: string) => parseArticleFile(name, new TextEncoder().encode(text));
const engine = new Engine([
  article(
    'harbour.md',
    [
      '---',
      'title: Harbour bridge reopens',
      'publisher: Coast Gazette',
      'published: 2024-05-02',
      '---',
      'The harbour bridge reopened on Monday after two years of repairs.',
      '',
      '## Costs',
      '',
      'The repairs cost the city 40 million dollars, the mayor said.',
      '',
      'Engineers replaced the bridge deck and the cables.',
      '',
      'Traffic on the bridge is expected to double by summer.',
      '',
      'Ferry operators said the bridge would cut their trade.',
    ].join('\n'),
  ),
]);

describe('custom ids', () => {
  it('round-trips button state', () => {
    const more = { kind: 'more', offset: 3, question: 'Who paid for the bridge?' } as const;
    const context = { kind: 'context', block: 4, article: 'harbour' } as const;
    expect(encodeCustomId(more)).toBe('more:3:Who paid for the bridge?');
    expect(decodeCustomId(encodeCustomId(more))).toEqual(more);
    expect(decodeCustomId(encodeCustomId(context))).toEqual(context);
  });

  it('keeps a long question within 100 characters, dropping stop words first', () => {
    const question = `What did the mayor say about the cost of the repairs to the harbour bridge and ${'the cables '.repeat(20)}`;
    const id = encodeCustomId({ kind: 'more', offset: 3, question });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id.startsWith('more:3:mayor cost repairs harbour bridge cables cables')).toBe(true);
    expect(compactQuestion('What did the mayor say about the costs?', 20)).toBe('mayor costs');
  });

  it('refers to an article with a long id by a stable hash', () => {
    const id = 'x'.repeat(120);
    const encoded = encodeCustomId({ kind: 'context', block: 2, article: id });
    expect(encoded).toMatch(/^context:2:~[0-9a-f]{8}$/);
    const state = decodeCustomId(encoded);
    expect(state?.kind === 'context' && refersTo(state.article, id)).toBe(true);
    expect(state?.kind === 'context' && refersTo(state.article, 'y'.repeat(120))).toBe(false);
  });

  it.each(['', 'more', 'more:3:', 'more:-1:q', 'context:a:b', 'other:1:x', `more:1:${'q'.repeat(100)}`])(
    'refuses %j',
    (id) => expect(decodeCustomId(id)).toBeNull(),
  );
});

describe('buttons', () => {
  it('puts "Show context" for the first passage shown under an answer', () => {
    const answer = engine.ask('How much did the repairs cost?');
    const reply = { type: 'answer', answer, offset: 0, ephemeral: false } as const;
    const [row] = buttonsFor(reply);
    const first = answer.hits[0];
    expect(row?.components.map((c) => ('custom_id' in c ? c.custom_id : null)).at(-1)).toBe(
      `context:${first?.passage.blockIndex}:harbour`,
    );
  });

  it('puts no buttons under a notice or an unanswered question', () => {
    expect(buttonsFor({ type: 'notice', text: 'hi', ephemeral: true })).toEqual([]);
    const none = engine.ask('What is the capital of Peru?');
    expect(buttonsFor({ type: 'answer', answer: none, offset: 0, ephemeral: false })).toEqual([]);
  });

  it('shows two blocks either side of the cited one on "Show context"', () => {
    const reply = replyToButton(engine, 'context:3:harbour');
    expect(reply).toMatchObject({ type: 'context', focus: 3, ephemeral: true, citation: { paragraph: 3 } });
    expect(reply.type === 'context' && reply.blocks.map((b) => b.index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses stale and forged ids with the polite message', () => {
    for (const id of ['context:99:harbour', 'context:1:gone', 'more:9:bridge', 'more:0: ', 'nonsense']) {
      expect(() => replyToButton(engine, id), id).toThrow(STALE_BUTTON_MESSAGE);
    }
  });
});

describe('Cooldown', () => {
  it('allows N requests in the window, then says how long to wait, per user', () => {
    let now = 0;
    const cooldown = new Cooldown({ requests: 2, seconds: 10, now: () => now });
    expect([cooldown.take('a'), cooldown.take('a'), cooldown.take('b')]).toEqual([0, 0, 0]);
    now = 2500;
    expect(cooldown.take('a')).toBe(8);
    now = 10_000;
    expect(cooldown.take('a')).toBe(0);
  });
});

describe('stripDiscordTags', () => {
  it('removes mention, channel, command, emoji and timestamp tags and nothing else', () => {
    expect(
      stripDiscordTags('<@123> <@!123> ask <@&45> in <#67> via </ask:89> <:wave:12> <t:1700000000:R> now'),
    ).toBe('ask in via now');
    expect(stripDiscordTags('is 3 < 4 and <b> kept?')).toBe('is 3 < 4 and <b> kept?');
  });
});
