import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { extractQuotes } from '../src/engine/quotes/extract.ts';
import type { Quote } from '../src/engine/types.ts';

/** The quotations of an article made of a few paragraphs of body text, one a line. */
const quotesOf = (body: string): Quote[] =>
  extractQuotes(
    parseArticleFile('inline.txt', new TextEncoder().encode(`---\ntitle: T\n---\nT\n\n${body}\n`)),
  );

/** [speaker, role, text] of each quotation. */
const rows = (body: string) => quotesOf(body).map((q) => [q.speaker, q.role, q.text]);

describe('attribution through documents and statements', () => {
  it('gives a quotation "according to a letter from X" to the letter’s author, not the sentence’s subject', () => {
    expect(
      rows(
        'The state board wrote to the refinery in May.\n"The Board expects a full analysis by June 15," according to the letter from Commissioner Harold Brandt to the company.',
      ),
    ).toEqual([['Harold Brandt', 'Commissioner', 'The Board expects a full analysis by June 15']]);
  });

  it('reads a lower-case title and a name particle in the letter’s author', () => {
    expect(
      rows(
        '"We cannot give a positive advice," according to a letter from works council chairman Pieter van Dam.',
      ),
    ).toEqual([['Pieter van Dam', 'works council chairman', 'We cannot give a positive advice']]);
  });

  it('gives "a statement from X said" to X', () => {
    expect(
      rows('A statement from Volkert Automation said "the units will be delivered on time".')[0]![0],
    ).toBe('Volkert Automation');
  });
});

describe('appositions between a name and its speech verb', () => {
  it('gives "said Mayor X of Y" to the mayor, not the town', () => {
    expect(
      rows('“We have been through floods before,” said Mayor Dale Brenner of Harwick, a town of 2,000.'),
    ).toEqual([['Dale Brenner', 'Mayor', 'We have been through floods before']]);
  });

  it('reads past a role and a "where" clause to the name, and keeps the title before the name as the role', () => {
    expect(
      rows(
        'Ward sister Amara Okonkwo, the union’s representative at the hospital, where she has worked for 19 years, said: “We already have patients waiting on trolleys.”',
      ),
    ).toEqual([['Amara Okonkwo', 'Ward sister', 'We already have patients waiting on trolleys.']]);
  });

  it('reads past a role and a relative clause, and gives the apposition as the role', () => {
    expect(
      rows(
        'Ray Dominguez, president of Refinery Workers Local 411, which represents 900 workers, who walked out in 2019, said: "Our members are scared."',
      ),
    ).toEqual([['Ray Dominguez', 'president of Refinery Workers Local 411', 'Our members are scared.']]);
  });
});

describe('people, places and organisations before a pronoun', () => {
  it('never takes the street of an address for the speaker of a later "she"', () => {
    expect(
      rows(
        'Margaret Oakes, 74, of Elm Tree Lane, whose operation was cancelled, uses the library every week.\n‘I am devastated,’ she told the Echo.',
      ),
    ).toEqual([['Margaret Oakes', null, 'I am devastated']]);
  });

  it('never takes a one-word place after "in" for a person', () => {
    expect(
      rows(
        'Colleen Barras spoke at the State Capitol in Phoenix on Monday.\n“This is the end of waiting,” she said.',
      )[0]![0],
    ).toBe('Colleen Barras');
  });

  it('resolves "he" past a woman the article shows as a woman', () => {
    expect(
      rows(
        'Councillor Derek Hallam said the closures were unavoidable.\nThe review was led by Sarah Venn. Ms Venn’s report said visits had fallen.\nHe added: ‘We will be working with parish councils.’',
      )[0]![0],
    ).toBe('Derek Hallam');
  });

  it('learns a gender from the pronoun after a name', () => {
    expect(
      rows(
        'Tom Bright said he would keep fighting.\nKeisha Lomax opened a café last year. She said trade had halved.\n"We are still here," he said.',
      )[0]![0],
    ).toBe('Tom Bright');
  });
});
