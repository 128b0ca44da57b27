import { beforeAll, describe, expect, it } from 'vitest';
import {
  NO_ALIASES,
  demonymsOf,
  rolesBeforeNames,
  spelledOutAcronyms,
} from '../src/engine/search/aliases.ts';
import { Engine } from '../src/engine/engine.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { analyzeQuestion, questionShape } from '../src/engine/search/question.ts';
import { DEFAULT_ANALYSIS } from '../src/engine/text/analysis.ts';
import { AP_STYLE, MARKDOWN_STYLE } from './fixtures/articles.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const first = (engine: Engine, question: string) => {
  const [hit] = engine.ask(question).hits;
  return hit ? { paragraph: hit.passage.citation.paragraph, answer: hit.answer } : null;
};

describe('findPassages on short invented articles', () => {
  const engine = new Engine([
    parseArticleFile(
      'port.txt',
      bytes(`---\ntitle: Harbor pilots strike\npublisher: AP\npublished: 2025-03-11\n---\n${AP_STYLE}`),
    ),
    parseArticleFile('airport.md', bytes(MARKDOWN_STYLE)),
  ]);

  it('finds the paragraph and marks the sentence that answers', () => {
    expect(first(engine, 'How much money are shipping lines losing each day?')).toEqual({
      paragraph: 3,
      answer: 'Shipping lines estimate losses of $2.2 million a day.',
    });
  });

  it('cites the article, publisher, date, paragraph, section and kind', () => {
    expect(engine.ask('When will the union meet again?').hits[0]!.passage.citation).toEqual({
      article: 'Harbor pilots strike',
      publisher: 'AP',
      published: '2025-03-11',
      paragraph: 4,
      section: null,
      kind: 'paragraph',
    });
  });

  it('finds an acronym through the words the article spells it out with', () => {
    expect(first(engine, 'What did the Federal Aviation Administration approve?')?.paragraph).toBe(1);
    expect(first(engine, 'What did the FAA approve?')?.paragraph).toBe(1);
  });

  it('finds a person by role when the answering paragraph only gives the surname', () => {
    expect(first(engine, 'How many staff will the airport hire, according to the mayor?')).toEqual({
      paragraph: 3,
      answer: 'Okafor said the airport would hire 120 staff.',
    });
  });

  it('matches other forms of a word and curated synonyms', () => {
    expect(first(engine, 'Why did the negotiations break down?')?.paragraph).toBe(2);
  });

  it('returns no passage, naming the words, when the corpus never mentions the subject', () => {
    expect(engine.ask('What did Elon Musk say about the strike?')).toEqual({
      question: 'What did Elon Musk say about the strike?',
      hits: [],
      unknownTerms: ['Elon Musk'],
    });
    expect(engine.ask('What is the capital of Peru?').hits).toEqual([]);
  });

  it('returns no passage for a question of stop words only', () => {
    expect(engine.ask('what is it?')).toEqual({ question: 'what is it?', hits: [], unknownTerms: [] });
  });

  it('refuses an empty or over-long question with a clear message', () => {
    expect(() => engine.ask('   ')).toThrow('Ask a question: for example "Who is leading the talks?"');
    expect(() => engine.ask('x'.repeat(10_000))).toThrow(
      'Questions are limited to 300 characters; this one has 10,000.',
    );
  });
});

describe('findPassages on the seed corpus', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.load('corpus');
  });

  it('answers with the paragraph and sentence that name the envoy', () => {
    expect(first(engine, 'Who is Adam Boehler?')).toEqual({
      paragraph: 4,
      answer:
        'The secret talks being held by Trump’s hostage envoy Adam Boehler are unprecedented, as the US has never before engaged directly with Hamas, which Washington designated as a terror group in 1997.',
    });
  });

  it('finds the death toll although the article says "killing some 1,200 people"', () => {
    expect(first(engine, 'What was the death toll of the attack?')?.paragraph).toBe(16);
  });

  it('finds "captives" as hostages and "Mideast" as Middle East', () => {
    expect(first(engine, 'How many captives were freed alive under the truce?')?.paragraph).toBe(17);
    expect(first(engine, 'Who is the Mideast envoy?')?.paragraph).toBe(11);
  });

  it('abstains on subjects the article never mentions', () => {
    for (const q of [
      'Who won the Super Bowl?',
      'What is the weather in Haifa?',
      'How many hostages does Islamic Jihad hold?',
    ]) {
      expect(engine.ask(q).hits, q).toEqual([]);
    }
  });
});

describe('question analysis', () => {
  it('reads the shape of a question from its opening words', () => {
    expect(
      [
        'Who said it?',
        'When did it end?',
        'Where are they?',
        'How many died?',
        'Why did he go?',
        'What is it?',
      ].map(questionShape),
    ).toEqual(['person', 'date', 'place', 'number', 'reason', 'other']);
    expect(questionShape('Which news outlet reported it?')).toBe('person');
  });

  it('expands a curated synonym at a lower weight than the word itself', () => {
    const { concepts } = analyzeQuestion('ceasefire', DEFAULT_ANALYSIS, NO_ALIASES, {
      synonymWeight: 0.5,
      aliasWeight: 0.6,
      vocabulary: true,
    });
    expect(concepts[0]!.alternatives.slice(0, 2)).toEqual([
      { terms: ['ceasefir'], weight: 1 },
      { terms: ['truce'], weight: 0.5 },
    ]);
  });
  it('finds a vocabulary word in its other inflections, but not in another word of the same stem', () => {
    const expansions = (question: string) =>
      analyzeQuestion(question, DEFAULT_ANALYSIS, NO_ALIASES, {
        synonymWeight: 0.5,
        aliasWeight: 0.6,
        vocabulary: true,
      }).concepts.flatMap((c) => c.alternatives.slice(1).map((a) => a.terms.join(' ')));
    expect(expansions('Who talked?')).toContain('negoti');
    expect(expansions('Who is the negotiator?')).toContain('envoy');
    // "negotiations" and "negotiator" share the stem "negoti"; only the second is an envoy.
    expect(expansions('Where were the negotiations?')).not.toContain('envoy');
  });
});

describe('corpus aliases', () => {
  it('reads a role before a name', () => {
    expect(rolesBeforeNames('said White House Press Secretary Karoline Leavitt on Monday')).toEqual([
      { role: 'White House Press Secretary', title: 'Press Secretary', name: 'Karoline Leavitt' },
    ]);
    expect(rolesBeforeNames("Trump's hostage envoy Adam Boehler said")).toEqual([
      { role: 'hostage envoy', title: 'envoy', name: 'Adam Boehler' },
    ]);
  });

  it('reads an acronym spelled out in brackets', () => {
    expect(spelledOutAcronyms('the Israel Defense Forces (IDF) said')).toEqual([
      { expansion: 'Israel Defense Forces', acronym: 'IDF' },
    ]);
    expect(spelledOutAcronyms('the Coast Guard (AP) said')).toEqual([]);
  });

  it('forms demonyms of a place name', () => {
    expect(demonymsOf('Israel')).toContain('Israeli');
    expect(demonymsOf('Syria')).toContain('Syrian');
  });
});

describe('each analysis step, on inline examples', () => {
  const article = (name: string, body: string) => parseArticleFile(name, bytes(body));
  const ask = (engine: Engine, q: string) => engine.ask(q).hits.map((h) => h.passage.citation.paragraph);

  it('reads abbreviated titles as their word: "Gov. Pruitt" is found by "governor"', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Strike\nThe union met on Monday.\nGov. Harlan Pruitt said the state would not intervene.\n',
      ),
    ]);
    expect(ask(engine, 'What did the governor say?')[0]).toBe(2);
  });

  it('matches a phrase synonym only as a phrase: "step in" finds "intervene", "held talks" is not "held off"', () => {
    const engine = new Engine([
      article('a.txt', 'Strike\nThe mayor said she would intervene.\nThe mayor held talks with the union.\n'),
    ]);
    expect(ask(engine, 'Will the mayor step in?')[0]).toBe(1);
    const { concepts } = analyzeQuestion('Why did they hold off?', DEFAULT_ANALYSIS, NO_ALIASES, {
      synonymWeight: 0.5,
      aliasWeight: 0.6,
      vocabulary: true,
    });
    expect(concepts.map((c) => c.token.norm)).toEqual(['hold']);
    expect(concepts[0]!.alternatives.some((a) => a.terms.join(' ') === 'postpon')).toBe(true);
  });

  it('finds a compound written as one word: "dock workers" finds "dockworkers"', () => {
    const engine = new Engine([
      article('a.txt', 'Strike\nThe port reopened on Friday.\nAbout 4,800 dockworkers walked off the job.\n'),
    ]);
    expect(ask(engine, 'How many dock workers walked out?')[0]).toBe(2);
  });

  it('finds a place from its demonym in the question, and a demonym from its place', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Talks\nThe envoy met officials in Qatar on Monday.\nThe talks ended without a deal.\n',
      ),
    ]);
    expect(ask(engine, 'Which Qatari officials did the envoy meet?')[0]).toBe(1);
  });

  it('lets a name the article gives count for a passage that leaves it implicit', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Layoffs\nHalvard Systems said it would cut jobs.\n"We must focus," Chief Executive Priya Ramanathan said.\n',
      ),
      article('b.txt', 'Other\nThe chief executive of a bakery, Tom Reed, retired.\n'),
    ]);
    expect(engine.ask("Who is Halvard's CEO?").hits[0]!.passage.articleId).toBe('a');
  });

  it('counts a word the passage has only inside a longer name ("Fox News") at half, unless the question names it whole', () => {
    const articles = [
      article(
        'a.txt',
        'Strike\nThe union leader told Fox News on Monday that dockworkers would strike.\nThe White House said the strike plan was reported on Sunday.\n',
      ),
    ];
    const scores = (engine: Engine, q: string) =>
      Object.fromEntries(engine.ask(q).hits.map((h) => [h.passage.citation.paragraph, h.score]));
    const full = new Engine(articles, { namePartWeight: 1 });
    const halved = new Engine(articles);
    const before = scores(full, 'Which news outlet said there would be a strike?');
    const after = scores(halved, 'Which news outlet said there would be a strike?');
    expect(after[1]).toBeLessThan(before[1]!);
    expect(after[2]).toBe(before[2]);
    expect(scores(halved, 'What did the white house say about the strike?')).toEqual(
      scores(full, 'What did the white house say about the strike?'),
    );
  });

  it('scores a word and its synonyms as one term: three rare synonyms do not outrank the word itself', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Port\nOfficials described the dialogue, the negotiations and the discussions as difficult.\nThe talks were difficult, officials said.\nThe talks resumed on Monday.\n',
      ),
    ]);
    expect(ask(engine, 'Were the talks difficult?')).toEqual([2, 1, 3]);
    // MiniSearch's BM25 over every term rewards each synonym apart, and puts them first.
    const perTerm = new Engine(engine.articles, { bm25: 'terms' });
    expect(ask(perTerm, 'Were the talks difficult?')[0]).toBe(1);
  });

  it('reads "Q3" as the third quarter, and a place after "to the" as a place', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Results\nSales of umbrellas doubled in Leeds.\nSales for the third quarter rose 14% to $3.2 billion.\nHorses were taken to the Pinecrest County Fairgrounds.\n',
      ),
    ]);
    expect(ask(engine, 'What were Q3 sales?')[0]).toBe(2);
    expect(ask(engine, 'Where were the horses taken?')).toEqual([3]);
  });

  it('reads a misspelt long word as the corpus word closest to it: "firefigters" finds firefighters', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Fire\nThe Ridge Fire burned 4,000 acres by Monday.\nMore than 650 firefighters were assigned to the fire.\n',
      ),
    ]);
    expect(ask(engine, 'How many firefigters are on the fire?')[0]).toBe(2);
    // Read as an unknown word, it leaves too little of the question covered to answer.
    expect(
      ask(new Engine(engine.articles, { spellingWeight: 0 }), 'How many firefigters are on the fire?'),
    ).toEqual([]);
  });

  it('completes the last word of a question sent unfinished, but not a finished one', () => {
    const engine = new Engine([
      article(
        'a.txt',
        'Strike\nThe strike is led by union president Dana Vandermolen.\nThe port closed on Monday.\n',
      ),
    ]);
    expect(ask(engine, 'who is vanderm')).toEqual([1]);
    expect(engine.ask('who is vanderm?')).toMatchObject({
      hits: [],
      unknownTerms: ['vanderm'],
    });
  });

  it('needs a number for "how many", a date for "when", a name for "who", and abstains without one', () => {
    const engine = new Engine([
      article('a.txt', 'Plan\nAn Arab plan calls for the rebuilding of the city.\n'),
    ]);
    expect(engine.ask('How much would the Arab plan cost?').hits).toEqual([]);
    expect(engine.ask('When was the Arab plan presented?').hits).toEqual([]);
    expect(ask(engine, 'What does the Arab plan call for?')).toEqual([1, null]);
  });
});

describe('alias limits', () => {
  it('gives no alias to a title that stands before many names', () => {
    const names = [
      'Ann Lee',
      'Bo Chen',
      'Cy Park',
      'Di Roe',
      'Ed Moss',
      'Flo Kim',
      'Gus Day',
      'Hal Orr',
      'Ivy Sun',
    ];
    const articles = names.map((name, i) =>
      parseArticleFile(`a${i}.txt`, bytes(`Story ${i}\nFinance minister ${name} said rates would rise.\n`)),
    );
    const { aliases } = new Engine(articles).index;
    expect(aliases.byTerm.get('minist')).toBeUndefined();
    expect(aliases.byTerm.get('lee')).toEqual(['financ', 'minist']);
  });
});
