import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { Engine } from '../src/engine/engine.ts';
import { bodySentences } from '../src/engine/summary/body.ts';
import { SUMMARY_LENGTHS, type SummaryLength } from '../src/engine/summary/options.ts';
import { searchRelevance } from '../src/engine/summary/relevance.ts';
import { summarize } from '../src/engine/summary/summarize.ts';
import { opensWithReference } from '../src/engine/summary/units.ts';
import type { Article, Summary } from '../src/engine/types.ts';

const LENGTHS = Object.keys(SUMMARY_LENGTHS) as SummaryLength[];

function load(dir: string): Article[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => parseArticleFile(f, readFileSync(join(dir, f))));
}

const seed = load('corpus')[0]!;
const evalArticles = load('test/eval/articles');

function article(name: string, text: string): Article {
  return parseArticleFile(name, new TextEncoder().encode(text));
}

/** AP style: dateline, straight quotes, a FILE caption, a pronoun opener and a surname reference. */
const ap = article(
  'ap.txt',
  `---
title: Wildfire forces evacuation of mountain town
publisher: Associated Press
published: 2026-07-02
---
Wildfire forces evacuation of mountain town

PINE RIDGE, Colo. (AP) — A fast-moving wildfire forced about 2,000 people to leave the mountain town of Pine Ridge on Tuesday as crews struggled to contain flames driven by gusts of up to 50 mph.

FILE - Smoke rises over the hills above Pine Ridge, Colo., on July 1, 2026. (AP Photo/Ann Cole, File)

The fire had burned about 9 square miles by Tuesday evening and was 5% contained, according to the U.S. Forest Service.

Fire chief Maria Lopez said the blaze started near a campground on Monday afternoon.

"We have never seen it move this fast," Lopez said. "The wind simply would not let up."

She said the cause was under investigation.

No injuries have been reported, but at least 12 homes were destroyed, county officials said.

The Red Cross opened a shelter at Pine Ridge High School.
`,
);

/** Reuters style: dash dateline, a company reference, a sign-off line. */
const reuters = article(
  'reuters.txt',
  `---
title: Harbor Foods to buy snack maker Crunchline for $1.2 billion
publisher: Reuters
published: 2026-06-10
---
Harbor Foods to buy snack maker Crunchline for $1.2 billion

CHICAGO, June 10 (Reuters) - Harbor Foods said on Wednesday it would buy snack maker Crunchline for $1.2 billion in cash, betting on rising demand for protein bars.

The company's shares rose 4% in premarket trading.

Crunchline, founded in 2015, had sales of $310 million last year.

Harbor Foods Chief Executive Tom Reyes said the deal would close in the fourth quarter.

Reyes did not give a timetable for job cuts at Crunchline's factory in Ohio.

Analysts said the price, about four times sales, was high for the sector.

(Reporting by Ana Pires in Chicago; Editing by Mark Hale)
`,
);

/** Guardian style: single quotes, a subheading, a quotation over two sentences, a photo credit. */
const guardian = article(
  'guardian.txt',
  `---
title: Rail fares in England to rise by 4.6% in March
publisher: The Guardian
published: 2026-08-14
---
Rail fares in England to rise by 4.6% in March

Passenger groups say the increase will push more commuters back into cars

Rail fares in England will rise by 4.6% in March, the Department for Transport has announced, the biggest increase in three years.

The rise is capped at July's retail price index inflation figure.

Commuters on a platform at London Bridge. Photograph: Sam Reed/The Guardian

The transport secretary, Priya Shah, said the cap protected passengers from larger increases. 'We have held fares below what the industry asked for. That is real help for working people,' she said.

Anger from passengers

Campaign group Better Rail said the rise would cost a typical season ticket holder from Brighton an extra £240 a year.

However, the group welcomed plans to extend flexible season tickets to more routes.
`,
);

/** A Markdown blog post: headings, emphasis, links, an image. */
const blog = article(
  'blog.md',
  `---
title: Our town's new compost scheme, six months in
publisher: Greenfield Notes
published: 2026-09-01
---
# Our town's new compost scheme, six months in

![Green food-waste bins lined up outside the depot](https://example.org/bins.jpg)

Greenfield's kerbside compost collection has taken **1,850 tonnes** of food waste out of the landfill since it began in March, according to [figures from the council](https://example.org).

That is about a third more than the council planned for the first six months.

## Who is using it

Around 64% of households now put out a compost bin at least once a month. The lowest take-up is in flats, where there is often nowhere to keep a bin.

## What it costs

The scheme costs £410,000 a year to run. The council says it saves £95,000 in landfill tax.

It plans to offer smaller bins to flats from January.
`,
);

const invented = [ap, reuters, guardian, blog];

/** Every shown sentence with the body sentence it is, by position in the article's body. */
function positions(a: Article, summary: Summary): number[] {
  const body = bodySentences(a);
  return summary.sentences.map((s) =>
    body.findIndex((b) => b.block.index === s.blockIndex && b.text === s.text),
  );
}

describe('summarize', () => {
  it.each(LENGTHS)(
    'keeps a %s summary within its sentence limit, on the seed and invented articles',
    (length) => {
      for (const a of [seed, ...invented, ...evalArticles]) {
        const { sentences } = summarize(a, { length });
        expect(sentences.length).toBeGreaterThan(0);
        expect(sentences.length).toBeLessThanOrEqual(SUMMARY_LENGTHS[length]);
      }
    },
  );

  it('fills the limit when the article is long enough', () => {
    expect(LENGTHS.map((length) => summarize(seed, { length }).sentences.length)).toEqual([3, 5, 8]);
  });

  it('defaults to a medium summary', () => {
    expect(summarize(seed).sentences).toEqual(summarize(seed, { length: 'medium' }).sentences);
  });

  it('shows sentences in article order, each once', () => {
    for (const a of [seed, ...invented, ...evalArticles]) {
      for (const length of LENGTHS) {
        const at = positions(a, summarize(a, { length }));
        expect(at.every((p, i) => i === 0 || p > at[i - 1]!)).toBe(true);
      }
    }
  });

  it('shows only exact sentences of body paragraphs, cited with their paragraph number', () => {
    for (const a of [seed, ...invented, ...evalArticles]) {
      for (const length of LENGTHS) {
        for (const s of summarize(a, { length }).sentences) {
          const block = a.blocks[s.blockIndex]!;
          expect(block.kind).toBe('paragraph');
          expect(block.text).toContain(s.text);
          expect(s.citation).toMatchObject({
            kind: 'paragraph',
            paragraph: block.paragraph,
            article: a.meta.title,
          });
        }
      }
    }
  });

  it('never chooses a caption, headline, standfirst, subheading or sign-off', () => {
    const shown = [seed, ...invented, ...evalArticles].flatMap((a) =>
      summarize(a, { length: 'long' }).sentences.map((s) => s.text),
    );
    for (const text of shown) {
      expect(text).not.toMatch(/Photograph:|AP Photo|REUTERS\/|Reporting by|contributed to this report/);
    }
    expect(shown).not.toContain('Commuters on a platform at London Bridge.');
    expect(shown).not.toContain('Anger from passengers');
    expect(shown).not.toContain('Passenger groups say the increase will push more commuters back into cars');
  });

  it('never shows a sentence that opens with a reference without the sentence before it', () => {
    for (const a of [seed, ...invented, ...evalArticles]) {
      const body = bodySentences(a);
      for (const length of LENGTHS) {
        const summary = summarize(a, { length });
        const at = positions(a, summary);
        summary.sentences.forEach((s, i) => {
          if (opensWithReference(s.text) && !/^\s*["“‘']/.test(s.text)) {
            expect(
              at[i]! > 0 && at.includes(at[i]! - 1),
              `${s.text} shown without ${body[at[i]! - 1]?.text}`,
            ).toBe(true);
          }
        });
      }
    }
  });

  it('brings in the sentence that introduces a person named later by surname alone', () => {
    const { sentences } = summarize(reuters, { focus: 'timetable', length: 'short' });
    expect(sentences.map((s) => s.text)).toEqual([
      'Harbor Foods Chief Executive Tom Reyes said the deal would close in the fourth quarter.',
      "Reyes did not give a timetable for job cuts at Crunchline's factory in Ohio.",
    ]);
  });

  it('brings in the sentence a pronoun points back to, and the quotation before it with its speaker', () => {
    const texts = summarize(ap, { focus: 'investigation cause' }).sentences.map((s) => s.text);
    expect(texts).toEqual([
      'Fire chief Maria Lopez said the blaze started near a campground on Monday afternoon.',
      '"We have never seen it move this fast," Lopez said.',
      '"The wind simply would not let up."',
      'She said the cause was under investigation.',
    ]);
  });

  it('leaves out a dependent sentence when what it depends on does not fit the limit', () => {
    const texts = summarize(ap, { length: 'short' }).sentences.map((s) => s.text);
    expect(texts).not.toContain('She said the cause was under investigation.');
    // With a focus only such a sentence answers: the reader is told to ask for more, not "it doesn't say".
    expect(() => summarize(ap, { focus: 'investigation cause', length: 'short' })).toThrow(
      'What the article says about investigation cause takes more than 3 sentences to quote faithfully: try length medium.',
    );
  });

  it('never shows a quotation without the sentence that says who spoke', () => {
    for (const length of LENGTHS) {
      const texts = summarize(ap, { length }).sentences.map((s) => s.text);
      if (texts.includes('"The wind simply would not let up."')) {
        expect(texts).toContain('"We have never seen it move this fast," Lopez said.');
      }
      if (texts.includes('"We have never seen it move this fast," Lopez said.')) {
        expect(texts).toContain(
          'Fire chief Maria Lopez said the blaze started near a campground on Monday afternoon.',
        );
      }
    }
  });

  it('keeps a quotation that runs over several sentences whole', () => {
    for (const length of LENGTHS) {
      const texts = summarize(seed, { length }).sentences.map((s) => s.text);
      expect(texts.some((t) => t.startsWith('They can talk with Hamas'))).toBe(
        texts.some((t) => t.includes('There is a new attitude from the White House')),
      );
    }
    const focused = summarize(guardian, { focus: 'working people', length: 'short' }).sentences.map(
      (s) => s.text,
    );
    expect(focused).toContain("That is real help for working people,' she said.");
    expect(focused).toContain(
      'The transport secretary, Priya Shah, said the cap protected passengers from larger increases.',
    );
    expect(focused).toContain("'We have held fares below what the industry asked for.");
  });

  it('keeps a quotation that runs on into the next paragraph whole, with its speaker', () => {
    const library = evalArticles.find((a) => a.id === 'guardian-library-closures')!;
    const texts = summarize(library, { focus: 'homework' }).sentences.map((s) => s.text);
    expect(texts).toEqual([
      'Friends of Hartsfield Libraries, which collected 11,000 signatures against the plans last year, said the cuts would fall hardest on children and older people without internet access at home.',
      "Its chair, Gareth Okafor, a retired teacher, said: 'For a lot of families in Coldharbour, the library is the only warm, quiet place where a child can do homework.",
      "'Close it, and you are not saving money.",
      "You are moving the cost to schools, to the NHS and to the next generation.'",
    ]);
  });

  it('carries distinct facts: the seed short summary goes past the repeated opening', () => {
    expect(summarize(seed, { length: 'short' }).sentences.map((s) => s.citation.paragraph)).toEqual([
      1, 2, 4,
    ]);
  });

  it('leaves out a sentence that only repeats one already chosen', () => {
    const repeated = article(
      'repeat.txt',
      `---
title: Bridge reopens
---
The Kelso bridge reopened to traffic on Friday after two years of repairs costing £8m.
The Kelso bridge reopened to traffic on Friday after two years of repairs costing £8m, officials said.
Cyclists will get a separate lane from next spring.
Tolls will not be charged.
`,
    );
    const texts = summarize(repeated, { length: 'short' }).sentences.map((s) => s.text);
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => t.startsWith('The Kelso bridge'))).toHaveLength(1);
  });
});

describe('summarize with a focus', () => {
  const engine = new Engine([seed]);
  const relevance = searchRelevance(engine.index);

  it('summarises what the article says about the topic', () => {
    const general = summarize(seed, { relevance });
    const focused = summarize(seed, { focus: 'humanitarian aid', relevance });
    expect(focused.focus).toBe('humanitarian aid');
    expect(focused.sentences.map((s) => s.citation.paragraph)).toEqual([19, 20]);
    expect(focused.sentences.every((s) => /\baid\b/.test(s.text))).toBe(true);
    expect(general.sentences.some((s) => /\baid\b/.test(s.text))).toBe(false);
  });

  it('moves an invented article summary toward the topic', () => {
    const general = summarize(blog, { length: 'short' }).sentences.map((s) => s.text);
    const focused = summarize(blog, { length: 'short', focus: 'flats' }).sentences.map((s) => s.text);
    expect(general.some((t) => /flats/.test(t))).toBe(false);
    expect(focused).toEqual([
      'The lowest take-up is in flats, where there is often nowhere to keep a bin.',
      // "It plans …" comes with the sentence naming the council.
      'The council says it saves £95,000 in landfill tax.',
      'It plans to offer smaller bins to flats from January.',
    ]);
  });

  it('says nothing, rather than a generic summary, when the article never mentions the topic', () => {
    for (const focus of ['Elon Musk', 'the weather in Paris', 'cryptocurrency']) {
      const summary = summarize(seed, { focus, relevance });
      expect(summary).toEqual({ articleId: seed.id, title: seed.meta.title, focus, sentences: [] });
    }
    expect(summarize(reuters, { focus: 'football' }).sentences).toEqual([]);
  });

  it('treats a blank focus as no focus', () => {
    expect(summarize(seed, { focus: '  ' })).toEqual(summarize(seed));
  });
});

describe('opensWithReference', () => {
  it.each([
    'He adds that the talks will go on.',
    '“They can talk with Hamas,” he said.',
    'However, the group welcomed the plans.',
    'This is the third increase in a row.',
    'The deal’s first phase expired on Saturday.',
    'The company did not give a forecast.',
    'In addition, the council will cut hours.',
  ])('is true for %j', (sentence) => {
    expect(opensWithReference(sentence)).toBe(true);
  });

  it.each([
    'The White House later confirmed the talks.',
    'There is one remaining American hostage in Gaza.',
    'Israel has been at war with Hamas since October 7, 2023.',
    'The Ohio River crested at 61.4 feet.',
  ])('is false for %j', (sentence) => {
    expect(opensWithReference(sentence)).toBe(false);
  });
});
