import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  AUTOCOMPLETE_CHOICE_MAX,
  CONTENT_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBEDS_MAX,
  EMBEDS_TOTAL_MAX,
} from '../src/discord/limits.ts';
import { embedLength, escapeUserText, fitChoices, fitMessage, truncate } from '../src/discord/respond.ts';

describe('truncate', () => {
  it('leaves text within the limit alone', () => {
    expect(truncate('The mayor spoke.', 16)).toBe('The mayor spoke.');
  });

  it('cuts at the last word boundary and adds an ellipsis', () => {
    expect(truncate('The mayor spoke at length about the budget', 20)).toBe('The mayor spoke at…');
  });

  it('keeps a whole last word when the cut falls just after it', () => {
    expect(truncate('The mayor spoke at length', 16)).toBe('The mayor spoke…');
  });

  it('cuts mid-word when the last space is too far back', () => {
    expect(truncate('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('never splits an emoji or leaves a lone escape backslash', () => {
    expect(truncate('abcdefgh😀xyz', 10)).toBe('abcdefgh…');
    expect(truncate('abcdefgh\\*bold', 10)).toBe('abcdefgh…');
  });
});

describe('escapeUserText', () => {
  it('stops @everyone, @here, user, role and channel mentions from rendering', () => {
    expect(escapeUserText('@everyone @here <@123> <@!123> <@&456> <#789>')).toBe(
      '@\u200beveryone @\u200bhere <\u200b@123> <\u200b@!123> <\u200b@&456> <\u200b#789>',
    );
  });

  it('escapes markdown, links, headings and quotes, on one line', () => {
    expect(escapeUserText('**bold** `code` ||spoiler|| [x](https://e.xample)')).toBe(
      '\\*\\*bold\\*\\* \\`code\\` \\|\\|spoiler\\|\\| \\[x](https://e.xample)',
    );
    expect(escapeUserText('# Big\n> quoted\n```js\nx```')).toBe('\\# Big > quoted \\`\\`\\`js x\\`\\`\\`');
    expect(escapeUserText('> quoted')).toBe('\\> quoted');
  });

  it('escapes subtext, and italics after what looks like a custom emoji', () => {
    expect(escapeUserText('-# small print')).toBe('\\-# small print');
    expect(escapeUserText('<:e:1> _word_')).toBe('<\u200b:e:1> \\_word\\_');
  });
});

describe('fitMessage', () => {
  const long = (n: number) => 'word '.repeat(n / 5).trim();

  it('always turns mention parsing off', () => {
    expect(fitMessage({ content: 'hi @everyone' })).toEqual({
      content: 'hi @everyone',
      embeds: [],
      components: [],
      ephemeral: false,
      allowedMentions: { parse: [] },
    });
  });

  it('cuts content, descriptions and field values to their limits', () => {
    const fitted = fitMessage({
      content: long(3000),
      embeds: [{ description: long(5000), fields: [{ name: 'n', value: long(2000) }] }],
    });
    expect(fitted.content).toHaveLength(CONTENT_MAX);
    expect(fitted.content?.endsWith('word…')).toBe(true);
    expect(fitted.embeds[0]?.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(fitted.embeds[0]?.fields?.[0]?.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
  });

  it('keeps at most 10 embeds and 25 fields', () => {
    const field = { name: 'a', value: 'b' };
    const fitted = fitMessage({
      embeds: Array.from({ length: 12 }, () => ({ fields: Array(30).fill(field) })),
    });
    expect(fitted.embeds).toHaveLength(EMBEDS_MAX);
    expect(fitted.embeds[0]?.fields).toHaveLength(EMBED_FIELDS_MAX);
  });

  it('drops the last fields, then later embeds, to fit 6000 characters in all', () => {
    const embed = (): APIEmbed => ({
      description: long(3000),
      fields: [
        { name: 'first', value: long(1000) },
        { name: 'second', value: long(1000) },
      ],
    });
    const fitted = fitMessage({ embeds: [embed(), embed()] });
    expect(fitted.embeds.map((e) => e.fields?.map((f) => f.name))).toEqual([['first', 'second']]);
    const total = fitted.embeds.reduce((sum, e) => sum + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
  });

  it('shortens the only description when nothing else can go', () => {
    const fitted = fitMessage({
      embeds: [{ title: long(250), description: long(4000), footer: { text: long(2000) } }],
    });
    expect(embedLength(fitted.embeds[0] as APIEmbed)).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
    expect(fitted.embeds[0]?.description?.endsWith('…')).toBe(true);
  });

  it('keeps 5 rows of 5 buttons, shortens labels, and refuses a custom id over 100 characters', () => {
    const button = (id: string) => ({
      type: ComponentType.Button as const,
      style: ButtonStyle.Secondary as const,
      custom_id: id,
      label: long(100),
    });
    const row = {
      type: ComponentType.ActionRow as const,
      components: Array.from({ length: 6 }, () => button('x')),
    };
    const fitted = fitMessage({ components: Array(6).fill(row) });
    expect(fitted.components).toHaveLength(5);
    expect(fitted.components[0]?.components).toHaveLength(5);
    expect((fitted.components[0]?.components[0] as { label: string }).label.length).toBeLessThanOrEqual(80);
    expect(() =>
      fitMessage({ components: [{ type: ComponentType.ActionRow, components: [button('x'.repeat(101))] }] }),
    ).toThrow('fitMessage: custom id longer than 100 characters');
  });
});

describe('fitChoices', () => {
  it('keeps 25 choices of at most 100 characters, without empty or repeated names', () => {
    const choices = [
      { name: '', value: 'empty' },
      { name: 'same', value: 'a' },
      { name: 'same', value: 'b' },
      ...Array.from({ length: 30 }, (_, i) => ({ name: `${i} ${'x'.repeat(120)}`, value: 'y'.repeat(120) })),
    ];
    const fitted = fitChoices(choices);
    expect(fitted).toHaveLength(25);
    expect(fitted[0]).toEqual({ name: 'same', value: 'a' });
    expect(fitted.every((c) => c.name.length <= AUTOCOMPLETE_CHOICE_MAX)).toBe(true);
    expect(fitted.every((c) => String(c.value).length <= AUTOCOMPLETE_CHOICE_MAX)).toBe(true);
  });
});
