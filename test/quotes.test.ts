import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseArticleFile } from '../src/engine/corpus/files.ts';
import { extractQuotes } from '../src/engine/quotes/extract.ts';
import type { Article, Quote } from '../src/engine/types.ts';

const fixture = (name: string): Article =>
  parseArticleFile(name, readFileSync(join(import.meta.dirname, 'fixtures', name)));

/** An article from a few paragraphs of body text, one a line. */
function article(body: string, title = 'A test article'): Article {
  return parseArticleFile(
    'inline.txt',
    new TextEncoder().encode(`---\ntitle: ${title}\n---\n${title}\n\n${body}\n`),
  );
}

/** [paragraph or block kind, speaker, role, text]: the whole of what a reader is shown. */
const rows = (quotes: Quote[]) =>
  quotes.map((q) => [q.citation.paragraph ?? q.citation.kind, q.speaker, q.role, q.text] as const);

describe('extractQuotes on an AP-style article (straight double quotes, dateline)', () => {
  const quotes = extractQuotes(fixture('quotes-ap.txt'));

  it('finds every quotation with its speaker and role, and no scare quote, title or caption', () => {
    expect(rows(quotes)).toEqual([
      [2, 'Linda Ortiz', 'Mayor', 'It costs more up front, but it keeps the buses running for a decade.'],
      [3, 'Linda Ortiz', 'Mayor', 'the only honest option'],
      [3, 'Linda Ortiz', 'Mayor', 'no plan at all.'],
      [4, 'Raymond Cho', 'Council member', 'We are asking working families to pay twice'],
      [4, 'Raymond Cho', 'Council member', 'That is not fair.'],
      [6, 'Maria Feld', 'city transit director', 'by next spring.'],
      [7, 'Maria Feld', 'city transit director', 'We have waited long enough for this'],
      [
        7,
        'Maria Feld',
        'city transit director',
        'Riders deserve reliable service, and this vote finally delivers it. Now the hard work starts.',
      ],
      [
        9,
        'Maria Feld',
        'city transit director',
        'The first routes will open in the north end, then the south.',
      ],
      [11, null, null, 'The days of cheap fares are over.'],
    ]);
  });

  it('links the standfirst quotation to the body quotation it repeats instead of counting it', () => {
    expect(quotes.filter((q) => q.citation.kind !== 'paragraph')).toEqual([]);
    expect(quotes[1]!.alsoIn?.map((c) => c.kind)).toEqual(['standfirst']);
  });
});

describe('extractQuotes on a British article (single quotation marks, Markdown)', () => {
  const quotes = extractQuotes(fixture('quotes-uk.md'));

  it('reads single marks as quotations, keeps double marks inside them, and skips apostrophes', () => {
    expect(rows(quotes)).toEqual([
      [2, 'Mark Lloyd', 'Rivers Trust chief executive', 'a national disgrace'],
      [
        3,
        'Feargal Sharkey',
        'former pop star turned campaigner',
        'Water companies have been allowed to treat our rivers as open sewers',
      ],
      [
        4,
        'Jo Bates',
        null,
        'People keep telling me "it\'s only a bit of rain water", but my children swim here',
      ],
      [5, 'Jo Bates', null, 'I will not let them near the water this summer.'],
      [
        7,
        'Thames Water spokesperson',
        null,
        "We are investing in upgrades across our network and the campaigners' figures do not reflect that work.",
      ],
      [8, 'Helen Marsh', 'Environment Secretary', 'The water companies will pay for every spill.'],
    ]);
  });

  it('links a reworded standfirst quotation and a subheading quotation to the body', () => {
    expect(quotes[0]!.alsoIn?.map((c) => c.kind)).toEqual(['subheading']);
    expect(quotes[1]!.alsoIn?.map((c) => c.kind)).toEqual(['standfirst']);
  });
});

describe('extractQuotes on a Reuters-style article (curly quotes, subheadings)', () => {
  it('attributes titles, appositions, organisations and "told Reuters:" and drops titles of works', () => {
    expect(rows(extractQuotes(fixture('quotes-reuters.md')))).toEqual([
      [2, 'Priya Natarajan', 'Chief Executive Officer', 'This was a difficult decision, but a necessary one'],
      [3, 'Priya Natarajan', 'Chief Executive Officer', 'focus on what we do best'],
      [4, 'Ed Kowalski', 'analyst at Morningstar', 'Demand for consumer chips is not coming back this year'],
      [5, 'Veltrix Workers Union', null, 'a betrayal'],
      [6, 'Tom Reyes', 'union organiser', 'We saw this coming, and nobody listened.'],
      [
        7,
        'Priya Natarajan',
        'Chief Executive Officer',
        'We are not leaving San Jose. Our engineers are the best in the world, and we intend to keep them.',
      ],
    ]);
  });
});

describe('extractQuotes constructions', () => {
  it('joins a quotation interrupted by its attribution when the sentence goes on', () => {
    const quotes = extractQuotes(article('Nurse Jane Roe was blunt. "We tried," she said, "and we failed."'));
    expect(rows(quotes)).toEqual([[1, 'Jane Roe', 'Nurse', 'We tried, and we failed.']]);
  });

  it('keeps two quotations apart when the words between them do more than attribute', () => {
    const quotes = extractQuotes(
      article('Police chief Ann Lee said the arrest was "a turning point," and said, "We will keep going."'),
    );
    expect(rows(quotes)).toEqual([
      [1, 'Ann Lee', 'Police chief', 'a turning point'],
      [1, 'Ann Lee', 'Police chief', 'We will keep going.'],
    ]);
  });

  it('reads "said X" after the quotation, "X said" before it and "according to X"', () => {
    const quotes = extractQuotes(
      article(
        [
          '"The bridge is safe," said engineer Omar Haddad.',
          'Haddad said: "We inspected every bolt."',
          'The repairs will take "at least six weeks," according to the Highways Agency.',
        ].join('\n\n'),
      ),
    );
    expect(rows(quotes)).toEqual([
      [1, 'Omar Haddad', 'engineer', 'The bridge is safe'],
      [2, 'Omar Haddad', 'engineer', 'We inspected every bolt.'],
      [3, 'Highways Agency', null, 'at least six weeks'],
    ]);
  });

  it('resolves "he" to the last person named outside quotation marks', () => {
    const quotes = extractQuotes(
      article(
        [
          'Coach Sam Ortega praised his players after the match.',
          '"I told them Maria Lopez would score," he said.',
          '"They listened," he adds.',
        ].join('\n\n'),
      ),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Sam Ortega', 'Sam Ortega']);
  });

  it('ends a quotation whose closing mark is missing at its paragraph', () => {
    const quotes = extractQuotes(
      article(
        ['Mayor Dee Park said: "We will rebuild the pier.', 'The storm destroyed it in March.'].join('\n\n'),
      ),
    );
    expect(rows(quotes)).toEqual([[1, 'Dee Park', 'Mayor', 'We will rebuild the pier.']]);
  });

  it('runs a quotation on into the next paragraph when that paragraph opens it again', () => {
    const quotes = extractQuotes(
      article(
        [
          'Mayor Dee Park said: “We will rebuild the pier.',
          '“It will be bigger than before,” she added.',
        ].join('\n\n'),
      ),
    );
    expect(rows(quotes)).toEqual([
      [1, 'Dee Park', 'Mayor', 'We will rebuild the pier. It will be bigger than before'],
    ]);
  });

  it('drops scare quotes, but keeps a one-word quotation its sentence attributes', () => {
    const quotes = extractQuotes(
      article(
        [
          'The so-called “peace plan” has stalled, and the “road map” is unpublished.',
          'Envoy Lina Berg called the talks “productive.”',
        ].join('\n\n'),
      ),
    );
    expect(rows(quotes)).toEqual([[2, 'Lina Berg', 'Envoy', 'productive.']]);
  });

  it('says nothing about a speaker it cannot find', () => {
    const quotes = extractQuotes(
      article('Graffiti on the wall read “no more cuts to our schools” in red paint.'),
    );
    expect(rows(quotes)).toEqual([[1, null, null, 'no more cuts to our schools']]);
  });

  it('finds the name inside an apposition and the role before it', () => {
    const quotes = extractQuotes(
      article("The charity's director, Ruth Okafor, said the grant was 'a lifeline for families'."),
    );
    expect(rows(quotes)).toEqual([[1, 'Ruth Okafor', "charity's director", 'a lifeline for families']]);
  });

  it('reads "asked X" after a question and carries X to the next bare quotation', () => {
    const quotes = extractQuotes(
      article('“Why now?” asked Senator Lisa Grant. “The bill has been ready for months.”'),
    );
    expect(rows(quotes)).toEqual([
      [1, 'Lisa Grant', 'Senator', 'Why now?'],
      [1, 'Lisa Grant', 'Senator', 'The bill has been ready for months.'],
    ]);
  });

  it('passes a relative clause between a speaker and the verb', () => {
    const quotes = extractQuotes(
      article('"It\'s a disaster," one resident, who asked not to be named, told Reuters.'),
    );
    expect(rows(quotes)).toEqual([[1, 'resident', null, "It's a disaster"]]);
  });

  it('keeps a one-word quotation its sentence reports as speech, unattributed when no one is named', () => {
    const quotes = extractQuotes(article('In a post on X, the billionaire said the deal was "dead."'));
    expect(rows(quotes)).toEqual([[1, null, null, 'dead.']]);
  });

  it('keeps "a spokesperson for the X" whole, and an organisation with "and" in its name', () => {
    const quotes = extractQuotes(
      article(
        [
          'A spokesperson for the U.S. Forest Service said it was "far too early" to say.',
          'The Department for Business and Trade said it was "disappointed".',
        ].join('\n\n'),
      ),
    );
    expect(rows(quotes)).toEqual([
      [1, 'spokesperson for the U.S. Forest Service', null, 'far too early'],
      [2, 'Department for Business and Trade', null, 'disappointed'],
    ]);
  });

  it('reads a surname that is also a title as a name', () => {
    const quotes = extractQuotes(
      article('"We will march again," said Coretta Bishop, the group\'s founder.'),
    );
    expect(rows(quotes)).toEqual([[1, 'Coretta Bishop', "group's founder", 'We will march again']]);
  });

  it('attributes "X, who…, called it" to X', () => {
    const quotes = extractQuotes(
      article(
        'Senator Maya Quist, who chairs the budget committee, called the bill "a gift to the richest families."',
      ),
    );
    expect(rows(quotes)).toEqual([[1, 'Maya Quist', 'Senator', 'a gift to the richest families.']]);
  });

  it('counts a headline quotation no body quotation repeats, and none from a caption', () => {
    const text = [
      '---',
      'title: Pilots warn of "a summer of delays"',
      '---',
      'Pilots warn of "a summer of delays"',
      '',
      'The pilots union voted to strike in July.',
      '',
      'Pilots picket outside the terminal, holding signs that read "fair pay now". (AP Photo/Kim Tran)',
    ].join('\n');
    const quotes = extractQuotes(parseArticleFile('pilots.txt', new TextEncoder().encode(text)));
    expect(rows(quotes)).toEqual([['headline', null, null, 'a summer of delays']]);
  });
});

describe('extractQuotes on the seed corpus', () => {
  it('finds its eleven quotations in order, with their speakers, and nothing else', async () => {
    const [seed] = await loadCorpus(join(import.meta.dirname, '..', 'corpus'));
    const quotes = extractQuotes(seed!);
    const leavitt = 'White House Press Secretary';
    const akunis = 'Israel’s Consul General in New York';
    const office = 'Prime Minister Benjamin Netanyahu’s office';
    expect(quotes.map((q) => [q.citation.paragraph, q.speaker, q.role, q.text.slice(0, 30)])).toEqual([
      [2, 'White House', null, 'Israel was consulted on this m'],
      [3, office, null, 'expressed its stance on direct'],
      [3, office, null, 'contacts with the US'],
      [6, 'Karoline Leavitt', leavitt, 'does have the authority to tal'],
      [6, 'Karoline Leavitt', leavitt, 'Dialogue and talking to people'],
      [7, 'Karoline Leavitt', leavitt, 'ongoing'],
      [7, 'Karoline Leavitt', leavitt, 'American lives at stake.'],
      [13, 'Ofir Akunis', akunis, 'There is a new attitude from t'],
      [14, 'Ofir Akunis', akunis, 'President Trump actually chang'],
      [15, 'Ofir Akunis', akunis, 'If the White House wants to ta'],
      [15, 'Ofir Akunis', akunis, 'a direct negotiation with Hama'],
    ]);
    // The headline and the subheading both repeat the last quotation's "more than welcome".
    expect(quotes[10]!.alsoIn?.map((c) => c.kind)).toEqual(['headline', 'subheading']);
  });
});
