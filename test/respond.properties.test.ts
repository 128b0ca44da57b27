/**
 * Properties of the one gate every Discord payload passes (src/discord/respond.ts), over generated
 * input: whatever an article or a user puts in a message, Discord accepts it and nobody is pinged.
 */
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX } from '../src/discord/limits.ts';
import { escapeUserText, fitMessage, type ActionRow, type MessagePayload } from '../src/discord/respond.ts';
import { expectMessageWithinLimits } from './support/limits-check.ts';

/**
 * Text as articles and users write it, and worse: words, spaces and line breaks, markdown and mention
 * syntax, backslashes, emoji (two UTF-16 units each), and any single code unit, lone surrogates
 * included; from empty to well over every limit.
 */
const PIECES = [
  'word',
  ' ',
  '\n',
  '*',
  '_',
  '~',
  '`',
  '|',
  '\\',
  '#',
  '-',
  '>',
  '[',
  ']',
  '(',
  ')',
  '@',
  '<',
  ':',
];
const piece = fc.oneof(
  fc.constantFrom(...PIECES, '😀', '@everyone', '@here', '<@123456789012345678>', '<@&1>', '<#1>', '-# '),
  fc.constantFrom('https://e.xample/', '</ask:1>', '<:emoji:1>', '<t:1700000000:R>', '1. ', '## '),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
/** What a user types: a question or an option, at most a few hundred characters. */
const typed = fc.string({ unit: piece, maxLength: 120 });
const text = fc.oneof(
  { arbitrary: fc.string({ unit: piece, maxLength: 20 }), weight: 6 },
  { arbitrary: fc.string({ unit: piece, maxLength: 300 }), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.string({ unit: piece, minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 400 }))
      .map(([s, n]) => s.repeat(n)),
    weight: 2,
  },
);

const field = fc.record(
  { name: text, value: text, inline: fc.boolean() },
  { requiredKeys: ['name', 'value'] },
);
const embed: fc.Arbitrary<APIEmbed> = fc.record(
  {
    title: text,
    description: text,
    footer: fc.record({ text }),
    author: fc.record({ name: text }),
    fields: fc.array(field, { maxLength: 30 }),
    color: fc.integer({ min: 0, max: 0xffffff }),
  },
  { requiredKeys: [] },
);
const button = fc.oneof(
  fc.record({
    type: fc.constant(ComponentType.Button as const),
    style: fc.constant(ButtonStyle.Secondary as const),
    // Longer ids are refused on purpose (a bug: button state would be lost), so they are not generated.
    custom_id: fc.string({ maxLength: CUSTOM_ID_MAX }),
    label: text,
  }),
  fc.record({
    type: fc.constant(ComponentType.Button as const),
    style: fc.constant(ButtonStyle.Link as const),
    url: fc.constant('https://example.com/'),
    label: text,
  }),
);
const row: fc.Arbitrary<ActionRow> = fc.record({
  type: fc.constant(ComponentType.ActionRow as const),
  components: fc.array(button, { maxLength: 7 }),
});
const payload: fc.Arbitrary<MessagePayload> = fc.record(
  {
    content: text,
    embeds: fc.array(embed, { maxLength: 12 }),
    components: fc.array(row, { maxLength: 7 }),
    ephemeral: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('fitMessage, for any payload', () => {
  it('returns a message within every Discord limit, with mention parsing off, and never throws', () => {
    fc.assert(
      fc.property(payload, (input) => {
        const { allowedMentions, ...fitted } = fitMessage(input);
        expect(allowedMentions).toEqual({ parse: [] });
        expectMessageWithinLimits({ ...fitted, allowed_mentions: allowedMentions }, 'fitted message');
        expect(fitted.ephemeral).toBe(input.ephemeral ?? false);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a payload that already fits as it was', () => {
    const small = fc.string({ unit: piece, minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(small, small, (content, description) => {
        const fitted = fitMessage({ content, embeds: [{ description }] });
        expect(fitted.content).toBe(content);
        expect(fitted.embeds).toEqual([{ description }]);
      }),
    );
  });
});

/**
 * What Discord would still read as markup in `escaped`, shown on one line: the text with every
 * backslash-escaped character taken as a plain letter, and web addresses (which Discord links, and
 * inside which it reads no markdown) left out, then searched for formatting and block syntax.
 */
function liveMarkdown(escaped: string): string | null {
  const visible = escaped.replace(/\\[\s\S]/g, 'x').replace(/https?:\/\/\S*/g, 'x');
  const checks: [string, RegExp][] = [
    ['bold, italics or underline', /[*_]/],
    ['code', /`/],
    ['strikethrough', /~~/],
    ['spoiler', /\|\|/],
    ['masked link', /\[[^\]]*\]\(\s*<?https?:\/\//],
    ['line break', /[\r\n\u2028\u2029]/],
    ['heading, subtext, list or quote at the start', /^\s*(?:#{1,3}\s|-#\s|[-*+]\s|\d+[.)]\s|>)/],
  ];
  return checks.find(([, pattern]) => pattern.test(visible))?.[0] ?? null;
}

/** A mention Discord would render or ping, left in `escaped`. */
function liveMention(escaped: string): string | null {
  return (
    /@(?:everyone|here)|<(?:@[!&]?\d+|#\d+|\/[^<>\s]+:\d+|a?:\w+:\d+|t:-?\d+(?::\w)?)>/i.exec(escaped)?.[0] ??
    null
  );
}

describe('escapeUserText, for any text a user types', () => {
  it('leaves no markdown that formats and no mention that pings, on one line', () => {
    fc.assert(
      fc.property(typed, (input) => {
        const escaped = escapeUserText(input);
        expect(liveMarkdown(escaped), JSON.stringify(escaped)).toBeNull();
        expect(liveMention(escaped), JSON.stringify(escaped)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps every letter and digit the user typed, in order', () => {
    fc.assert(
      fc.property(typed, (input) => {
        const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
        expect(letters(escapeUserText(input))).toBe(letters(input));
      }),
    );
  });
});
