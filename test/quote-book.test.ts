import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import quoteCommand from '../commands/quote.ts';
import { optionsFrom } from '../src/commands.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { Engine } from '../src/engine/engine.ts';
import { QuoteBook } from '../src/engine/quotes/book.ts';
import { renderJson } from '../src/cli/json.ts';
import { renderTerminal } from '../src/cli/render.ts';
import type { Article } from '../src/engine/types.ts';

const fixture = (name: string): Article =>
  parseArticleFile(name, readFileSync(join(import.meta.dirname, 'fixtures', name)));
const articles = ['quotes-ap.txt', 'quotes-uk.md', 'quotes-reuters.md'].map(fixture);
const book = new QuoteBook(articles);
const texts = (query: Parameters<QuoteBook['findQuotes']>[0]) =>
  book.findQuotes(query).map((m) => m.quote.text);

describe('QuoteBook.findQuotes', () => {
  it('returns every quotation in reading order for an empty query', () => {
    expect(book.findQuotes({}).length).toBe(22);
    expect(book.quotes[0]!.text).toBe('It costs more up front, but it keeps the buses running for a decade.');
  });

  it('extracts the same quotations in slices at start-up as on first use', async () => {
    const many = Array.from({ length: 120 }, (_, i) => articles[i % articles.length]!);
    expect((await QuoteBook.build(many)).quotes).toEqual(new QuoteBook(many).quotes);
    const engine = new Engine(articles);
    await engine.prepare();
    expect(engine.quotes.quotes).toEqual(book.quotes);
  });

  it('finds a speaker by surname, first name or the start of each word, in reading order', () => {
    const natarajan = [
      'This was a difficult decision, but a necessary one',
      'focus on what we do best',
      'We are not leaving San Jose. Our engineers are the best in the world, and we intend to keep them.',
    ];
    expect(texts({ speaker: 'Natarajan' })).toEqual(natarajan);
    expect(texts({ speaker: 'priya' })).toEqual(natarajan);
    expect(texts({ speaker: 'pri nata' })).toEqual(natarajan);
  });

  it('falls back to the role when no name matches', () => {
    expect(texts({ speaker: 'environment secretary' })).toEqual([
      'The water companies will pay for every spill.',
    ]);
  });

  it('answers "who said this?" from loosely remembered words, exact matches first', () => {
    const [best] = book.findQuotes({ text: 'rivers treated as open sewers' });
    expect([best!.quote.speaker, best!.quote.text]).toEqual([
      'Feargal Sharkey',
      'Water companies have been allowed to treat our rivers as open sewers',
    ]);
    expect(texts({ text: 'nobody listend' })).toEqual(['We saw this coming, and nobody listened.']);
    expect(texts({ text: 'quantum entanglement' })).toEqual([]);
  });

  it('ranks quotations on a topic with the ranking it is given', () => {
    const rank = () => ({
      question: 'buses',
      unknownTerms: [],
      hits: [{ passage: { id: `${articles[0]!.id}#10` } as never, answer: '', score: 3 }],
    });
    const ranked = new QuoteBook(articles, rank).findQuotes({ about: 'routes running' });
    expect(ranked.map((m) => m.quote.text)).toEqual([
      'The first routes will open in the north end, then the south.',
      'It costs more up front, but it keeps the buses running for a decade.',
    ]);
  });

  it('lists speakers with counts, most quoted first, narrowed as they are typed', () => {
    expect(book.speakers().slice(0, 3)).toEqual([
      { name: 'Maria Feld', role: 'city transit director', count: 4 },
      { name: 'Linda Ortiz', role: 'Mayor', count: 3 },
      { name: 'Priya Natarajan', role: 'Chief Executive Officer', count: 3 },
    ]);
    expect(book.speakers('jo').map((s) => s.name)).toEqual(['Jo Bates']);
  });
});

describe('/quote', () => {
  const engine = new Engine(articles);
  const run = (values: Record<string, string>) =>
    quoteCommand.execute({ engine, options: optionsFrom(values) }) as ReturnType<
      typeof quoteCommand.execute
    > & {
      type: 'quotes';
    };

  it('keeps the JSON contract: text, speaker, role and citation of each quotation', () => {
    const json = renderJson(run({ speaker: 'Bates' })) as { quotes: unknown[] };
    expect(json.quotes[0]).toEqual({
      text: 'People keep telling me "it\'s only a bit of rain water", but my children swim here',
      speaker: 'Jo Bates',
      role: null,
      citation: {
        article: 'Ministers urged to act as river pollution hits record',
        publisher: 'The Evening Ledger',
        published: '2026-03-19',
        paragraph: 4,
        section: null,
        kind: 'paragraph',
      },
    });
  });

  it('shows the speakers when no option is given, and "unattributed" where no speaker is named', () => {
    const text = renderTerminal(run({}));
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Speakers quoted (22 quotations):',
      '  Maria Feld (city transit director): 4 quotations',
    ]);
    expect(text.split('\n').at(-1)).toBe('  unattributed: 1');
  });

  it('autocompletes speakers with their counts', () => {
    expect(
      quoteCommand.autocomplete({
        engine,
        focused: { name: 'speaker', value: 'ra' },
        options: optionsFrom({}),
      }),
    ).toEqual([{ name: 'Raymond Cho (2)', value: 'Raymond Cho' }]);
  });
});

describe('evaluateQuotes', () => {
  it('scores recall, attribution accuracy and extras on the annotated set', async () => {
    const { evaluateQuotes } = await import('../scripts/eval-quotes.ts');
    const f = await evaluateQuotes(join(import.meta.dirname, 'eval', 'quotes-set'));
    expect([f.gold, f.found, f.attributed, f.extra, f.misses]).toEqual([38, 38, 38, 0, []]);
  });
});

describe('/quote article option', () => {
  it('keeps one article’s quotations, pages them with the article in the button, and refuses an unknown title', async () => {
    const { default: quote } = await import('../commands/quote.ts');
    const { Engine } = await import('../src/engine/engine.ts');
    const { parseArticleFile } = await import('../src/engine/corpus/files.ts');
    const { optionsFrom } = await import('../src/commands.ts');
    const { decodeCustomId, encodeCustomId } = await import('../src/discord/custom-ids.ts');
    const article = (name: string, body: string) => parseArticleFile(name, new TextEncoder().encode(body));
    const engine = new Engine([
      article('rail.txt', 'Rail strike\n"We will not give in," union leader Ann Lee said.\n'),
      article('tram.txt', 'Tram deal\n"The deal is fair," mayor Bo Chen said.\n'),
    ]);
    const reply = await quote.execute({ engine, options: optionsFrom({ article: 'Tram deal' }) });
    expect(reply).toMatchObject({ type: 'quotes', query: { article: 'tram' } });
    expect(reply.type === 'quotes' && reply.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['The deal is fair', 'Bo Chen'],
    ]);
    const id = encodeCustomId({ kind: 'quotes', offset: 1, query: { speaker: 'Chen', article: 'tram' } });
    expect(id).toBe('quotes:1@tram:Chen||');
    expect(decodeCustomId(id)).toEqual({
      kind: 'quotes',
      offset: 1,
      query: { speaker: 'Chen', article: 'tram' },
    });
    await expect(async () =>
      quote.execute({ engine, options: optionsFrom({ article: 'Ferry' }) }),
    ).rejects.toThrow('No article\'s title matches "Ferry".');
  });
});
