import { describe, expect, it } from 'vitest';
import { cleanQuestion } from '../src/engine/text/clean.ts';

describe('cleanQuestion', () => {
  it('drops user, role and channel mentions and mass mentions', () => {
    expect(cleanQuestion('<@123456789012345678> <@!123456789012345678> who is the envoy?')).toBe(
      'who is the envoy?',
    );
    expect(
      cleanQuestion('<@&223456789012345678> @everyone @here where are the talks <#323456789012345678>'),
    ).toBe('where are the talks');
  });

  it('keeps the words of markdown and drops its marks', () => {
    expect(cleanQuestion('**who** is the _hostage_ ~~envoy~~ ||negotiator||?')).toBe(
      'who is the hostage envoy negotiator?',
    );
    expect(cleanQuestion('> # what did the `spokeswoman` say')).toBe('what did the spokeswoman say');
    expect(cleanQuestion('```\nwhen did the fire start\n```')).toBe('when did the fire start');
  });

  it('drops links but keeps the text of a markdown link', () => {
    expect(
      cleanQuestion('what does https://example.com/story?id=1 say about [the strike](https://example.com/x)'),
    ).toBe('what does say about the strike');
  });

  it('drops custom emoji, time stamps, ANSI sequences and control characters', () => {
    expect(
      cleanQuestion(
        '<:thinking:123456789012345678> why\u001b[31m did\u0007 shares <t:1700000000:R> fall\u200b',
      ),
    ).toBe('why did shares fall');
  });

  it('leaves a plain question as it is, apart from spacing', () => {
    expect(cleanQuestion('  How many homes were  destroyed?  ')).toBe('How many homes were destroyed?');
    expect(cleanQuestion('what is the snake_case name of U.S. policy in 2025?')).toBe(
      'what is the snake_case name of U.S. policy in 2025?',
    );
  });
});
