import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/engine/corpus/article.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import type { Block } from '../src/engine/types.ts';
import { AP_STYLE, GUARDIAN_STYLE, MARKDOWN_STYLE } from './fixtures/articles.ts';

const SEED = 'corpus/000_42abb1b6aa39227c.txt';
const shape = (blocks: Block[]) => blocks.map((b) => `${b.kind}${b.paragraph ?? ''}`);
const ofKind = (blocks: Block[], kind: Block['kind']) => blocks.filter((b) => b.kind === kind);

describe('parseArticle on the seed article', () => {
  const article = parseArticleFile('seed.txt', readFileSync(SEED));
  const { blocks } = article;

  it('finds 22 body paragraphs numbered 1 to 22 in reading order', () => {
    const paragraphs = ofKind(blocks, 'paragraph');
    expect(paragraphs.map((p) => p.paragraph)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(paragraphs[0]!.text.startsWith('US President Donald Trump’s administration is holding')).toBe(
      true,
    );
    expect(paragraphs[21]!.text.startsWith('An Arab plan, presented this week')).toBe(true);
  });

  it('keeps the three opening lines out of the body: two headlines and the standfirst', () => {
    expect(shape(blocks).slice(0, 3)).toEqual(['headline', 'headline', 'standfirst']);
    expect(blocks[1]!.text).toBe(article.meta.title);
  });

  it('finds one subheading and files the paragraphs after it under it', () => {
    const [sub] = ofKind(blocks, 'subheading');
    expect(ofKind(blocks, 'subheading')).toHaveLength(1);
    expect(sub!.text).toBe('Israeli envoy says talks ‘more than welcome’');
    expect(blocks.find((b) => b.paragraph === 11)!.section).toBeNull();
    expect(blocks.find((b) => b.paragraph === 12)!.section).toBe(sub!.text);
  });

  it('finds 4 distinct captions with their credits split off, the repeated one once', () => {
    expect(ofKind(blocks, 'caption').map((c) => c.credit)).toEqual([
      'Angela Weiss / AFP',
      'Photo by Abed Rahim Khatib/Flash90',
      'Yonatan Sindel/Flash90',
      'AP Photo/Jehad Alshrafi',
    ]);
    expect(ofKind(blocks, 'caption')[0]!.text.endsWith('on January 20, 2025.')).toBe(true);
  });

  it('drops the page furniture at the end', () => {
    expect(blocks.some((b) => /most popular|read more/i.test(b.text))).toBe(false);
    expect(blocks.at(-1)!.paragraph).toBe(22);
  });
});

describe('parseArticle on other house styles', () => {
  it('reads an AP story: byline and time stamp out, dateline kept, FILE caption, furniture gone', () => {
    const parsed = parseArticle(AP_STYLE, { format: 'text' });
    expect(parsed.byline).toBe('MARIA LOPEZ and DEV PATEL, Associated Press');
    expect(shape(parsed.blocks)).toEqual([
      'headline',
      'paragraph1',
      'caption',
      'paragraph2',
      'paragraph3',
      'paragraph4',
    ]);
    expect(parsed.blocks[1]!.text.startsWith('ALDEN, Maine (AP) — Harbor pilots')).toBe(true);
    expect(parsed.blocks[2]).toMatchObject({
      text: 'FILE - Container cranes stand idle at Port Alden, Maine, on Jan. 29, 2024.',
      credit: 'AP Photo/Robert Hale, File',
    });
  });

  it('reads a Guardian story: standfirst, labelled photo credit, subheading, a quotation over two paragraphs', () => {
    const { blocks } = parseArticle(GUARDIAN_STYLE, { format: 'text' });
    expect(shape(blocks)).toEqual([
      'headline',
      'standfirst',
      'caption',
      'paragraph1',
      'paragraph2',
      'subheading',
      'paragraph3',
      'paragraph4',
      'paragraph5',
    ]);
    expect(blocks[2]).toMatchObject({
      text: 'Workers survey the riverbank at Riverside.',
      credit: 'Anna Kerr/The Guardian',
    });
    expect(blocks[7]).toMatchObject({
      text: "'Every winter we move the furniture upstairs and wait.",
      section: 'A long wait',
    });
  });

  it('reads Markdown: joins wrapped lines, reads headings, takes an image as a caption', () => {
    const { headline, blocks } = parseArticle(MARKDOWN_STYLE, { format: 'markdown' });
    expect(headline).toBe('Airport adds night flights after FAA review');
    expect(shape(blocks)).toEqual([
      'headline',
      'paragraph1',
      'subheading',
      'paragraph2',
      'paragraph3',
      'caption',
    ]);
    expect(blocks[1]!.text).toBe(
      'The Federal Aviation Administration (FAA) has approved night flights at Millbrook Regional Airport, ending a two-year ban.',
    );
    expect(blocks[5]).toMatchObject({
      kind: 'caption',
      text: 'Runway lights at dusk',
      section: 'What changes',
    });
  });

  it('takes the line matching the given title as the headline, and heading-like lines after it as standfirst', () => {
    const { headline, blocks } = parseArticle(
      'Kicker line\nThe real title\nA standfirst here\nBody text starts here.',
      {
        format: 'text',
        title: 'The real title',
      },
    );
    expect(headline).toBe('The real title');
    expect(shape(blocks)).toEqual(['headline', 'headline', 'standfirst', 'paragraph1']);
  });

  it('drops exact repeats, whatever their quote style and spacing', () => {
    const { blocks } = parseArticle('Title\nSame “words” here.\nSame "words"  here.\nOther words.', {
      format: 'text',
    });
    expect(shape(blocks)).toEqual(['headline', 'paragraph1', 'paragraph2']);
    expect(blocks[2]!.text).toBe('Other words.');
  });
});

describe('parseArticle edge cases', () => {
  it('takes an italic paragraph under a Markdown headline as the standfirst', () => {
    const { blocks } = parseArticle(
      '# Bikes arrive\n\n*The city adds 400 e-bikes. Riders pay by the minute.*\n\nThe scheme starts Monday.\n',
      {
        format: 'markdown',
      },
    );
    expect(shape(blocks)).toEqual(['headline', 'standfirst', 'paragraph1']);
    expect(blocks[1]!.text).toBe('The city adds 400 e-bikes. Riders pay by the minute.');
  });

  it('drops separator rules such as "___" and "* * *"', () => {
    const { blocks } = parseArticle('Title\nFirst paragraph.\n___\n* * *\nSecond paragraph.\n', {
      format: 'text',
    });
    expect(shape(blocks)).toEqual(['headline', 'paragraph1', 'paragraph2']);
  });
});

describe('bylines and time stamps in other styles', () => {
  it('takes "By Name | date", "By Name, Desk — date" and "Name, Desk" lines as the byline, and drops date stamps', () => {
    const parse = (lead: string) => parseArticle(`Title\n${lead}\nBody starts here.\n`, { format: 'text' });
    expect(parse('By Carlos Duarte | October 19, 2026')).toMatchObject({ byline: 'Carlos Duarte' });
    expect(parse('By Naomi Feld, Health Correspondent — 15 April 2026').byline).toBe(
      'Naomi Feld, Health Correspondent',
    );
    const desk = parse('Priya Raman, European Business Editor\nThu 29 Jan 2026 09.14 GMT');
    expect(desk.byline).toBe('Priya Raman, European Business Editor');
    expect(shape(desk.blocks)).toEqual(['headline', 'paragraph1']);
  });
});

describe('metadata read from a pasted article without front matter', () => {
  const parse = (text: string) => parseArticle(text, { format: 'text' });

  it('takes the headline, not a section label, breadcrumb or kicker above it', () => {
    expect(parse('Energy\nRefinery shut for weeks after second fire\nThe fire broke out.').headline).toBe(
      'Refinery shut for weeks after second fire',
    );
    expect(parse('NEWS > HEALTH\n\nWard closures will put patients at risk\nBody text.').headline).toBe(
      'Ward closures will put patients at risk',
    );
    expect(parse('World | Middle East\nDesalination project delayed again\nBody text.').headline).toBe(
      'Desalination project delayed again',
    );
    expect(parse('Queensland\nBrisbane 2032\nStadium cost blows out to $3.1 billion\nBody.').headline).toBe(
      'Stadium cost blows out to $3.1 billion',
    );
  });

  it('keeps a short headline when no longer line follows it', () => {
    expect(parse('Rail strike\n"We will not give in," union leader Ann Lee said.').headline).toBe(
      'Rail strike',
    );
  });

  it('takes the Markdown # heading as the headline, not the link line above it', () => {
    const { headline } = parseArticle('[← All posts](/blog/)\n\n# Scooter fight is back\n\nBody text.\n', {
      format: 'markdown',
    });
    expect(headline).toBe('Scooter fight is back');
  });

  it('reads the publication date from the time stamp under the byline, not from an update', () => {
    const dated = (stamp: string) =>
      parse(`Headline of the story here\nBy Jo Bloggs\n${stamp}\nBody.`).published;
    expect(dated('June 3, 2026 4:12 PM EDT Updated 2 hours ago')).toBe('2026-06-03');
    expect(dated('14:05, 19 MAY 2026 Updated 16:20, 20 MAY 2026')).toBe('2026-05-19');
    expect(dated('Published: Jun. 1, 2026 at 5:47 PM EDT|Updated: 8 hours ago')).toBe('2026-06-01');
    expect(dated('Tue 2 Jun 2026 07.00 BST')).toBe('2026-06-02');
    expect(dated('Bengaluru | Updated: June 9, 2026 21:14 IST')).toBe('2026-06-09');
    expect(dated('Updated 6:48 p.m. ET')).toBeNull();
  });

  it('takes no date from the body or a print-edition line', () => {
    const { published } = parse(
      'Headline of the story here\nThe letter was dated May 14, 2026.\nA version of this article appears in print on June 3, 2026, Section A.',
    );
    expect(published).toBeNull();
  });

  it('reads the publisher from a wire dateline or a copyright line', () => {
    expect(
      parse('Headline of the story\nHOUSTON, June 3 (Meridian Wire) - A fire broke out.').publisher,
    ).toBe('Meridian Wire');
    expect(parse('Headline of the story\nCLEVELAND, Ohio (WCLQ) - The bridge shut.').publisher).toBe('WCLQ');
    expect(parse('Headline of the story\nBody.\n© 2026 The Southerly').publisher).toBe('The Southerly');
    expect(
      parse('Headline of the story\nBody.\nCopyright © 2026 Albion Network. The ABN is not…').publisher,
    ).toBe('Albion Network');
    expect(parse('Headline of the story\nBody.\n© The Indus Post Pvt Ltd').publisher).toBe('The Indus Post');
  });

  it('takes a publisher from page furniture only when two pieces of it agree', () => {
    const body = 'Headline of the story\nBody.\nMore from Valley Echo\n';
    expect(parse(body).publisher).toBeNull();
    expect(parse(`${body}Sign up to the Valley Echo newsletter`).publisher).toBe('Valley Echo');
  });

  it('never takes a photo agency as the publisher', () => {
    const { publisher } = parse(
      'Headline of the story\nA ward at the hospital. Photograph: Owen Heald/Alamy\nBody.',
    );
    expect(publisher).toBeNull();
  });
});
