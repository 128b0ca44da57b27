import { describe, expect, it } from 'vitest';
import quoteCommand from '../commands/quote.ts';
import { optionsFrom } from '../src/commands.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { buttonsFor, replyToButton, STALE_BUTTON_MESSAGE } from '../src/discord/buttons.ts';
import { decodeCustomId, encodeCustomId } from '../src/discord/custom-ids.ts';
import { Engine } from '../src/engine/engine.ts';
import type { QuotesReply } from '../src/reply.ts';

const promises = ['roads', 'schools', 'parks', 'buses', 'libraries', 'clinics', 'bridges'];
const engine = new Engine([
  parseArticleFile(
    'pledges.txt',
    new TextEncoder().encode(
      [
        '---',
        'title: Mayor lists her pledges',
        '---',
        'Mayor lists her pledges',
        '',
        ...promises.map((p) => `"We will fix the ${p} this year," said Mayor Ann Cole.\n`),
      ].join('\n'),
    ),
  ),
]);
const run = (values: Record<string, string>) =>
  quoteCommand.execute({ engine, options: optionsFrom(values) }) as QuotesReply;
const customIds = (reply: QuotesReply) =>
  buttonsFor(reply).flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));

describe('/quote paging', () => {
  it('pages quotations that do not fit one reply with a "More quotations" button', () => {
    const reply = run({ speaker: 'Cole' });
    expect(reply.quotes.length).toBe(7);
    expect(customIds(reply)).toEqual(['quotes:5:Cole||', 'context:1:pledges']);
    const next = replyToButton(engine, 'quotes:5:Cole||') as QuotesReply;
    expect([next.offset, next.ephemeral, next.quotes[next.offset]!.text]).toEqual([
      5,
      true,
      'We will fix the clinics this year',
    ]);
  });

  it('shows no button for the speaker list, and refuses a page past the end', () => {
    expect(buttonsFor(run({}))).toEqual([]);
    expect(() => replyToButton(engine, 'quotes:10:Cole||')).toThrow(STALE_BUTTON_MESSAGE);
  });

  it('round-trips a query in a custom id of at most 100 characters', () => {
    const state = {
      kind: 'quotes',
      offset: 5,
      query: { speaker: 'Ann Cole', text: 'fix the | roads' },
    } as const;
    expect(decodeCustomId(encodeCustomId(state))).toEqual({
      kind: 'quotes',
      offset: 5,
      query: { speaker: 'Ann Cole', text: 'fix the roads' },
    });
    const long = encodeCustomId({
      kind: 'quotes',
      offset: 5,
      query: { about: 'x '.repeat(80), text: 'y'.repeat(90) },
    });
    expect(long.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId('quotes:5:||')).toBeNull();
  });
});
