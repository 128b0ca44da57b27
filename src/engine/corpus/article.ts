/**
 * Turns article text pasted from a web page (plain text or Markdown) into typed blocks:
 * headline, standfirst, subheadings, numbered body paragraphs and photo captions with their
 * credit split off. Page furniture and exact repeats are dropped.
 *
 * Nothing here is tuned to one publisher: each rule is a convention shared by English news sites.
 */
import type { Block, BlockKind } from '../types.ts';
import {
  datesIn,
  pickHeadline,
  publicationDate,
  publisherNamed,
  stampDates,
  type PublicationDate,
} from './metadata.ts';

export type ArticleFormat = 'text' | 'markdown';

export interface ParseOptions {
  /** 'markdown' joins wrapped lines into paragraphs and reads `#` headings; 'text' reads one block a line. */
  format: ArticleFormat;
  /** The known title (from front matter): the line that matches it is the headline. */
  title?: string;
}

export interface ParsedArticle {
  /**
   * The headline: the line matching the given title; else the Markdown `#` heading; else the first
   * heading-like line of the lead that is no section label or kicker ("Energy", "NEWS > HEALTH").
   * Null if none.
   */
  headline: string | null;
  /** A byline line found in the text ("By Jane Doe, Associated Press"), without "By". */
  byline: string | null;
  /** The publication date a time stamp under the headline or byline gives, as YYYY-MM-DD; else null. */
  published: string | null;
  /** The publisher a wire dateline, a copyright line or the page's own furniture names; else null. */
  publisher: string | null;
  blocks: Block[];
}

/** A line that is page furniture on its own: navigation, sharing, advertising, sign-up prompts. */
const FURNITURE_LINE: RegExp[] = [
  /^(advertisement|advert|sponsored( content)?|story continues below( advertisement)?|ad)$/i,
  /^listen to this (article|story)\b.*$/i,
  /^(share|share (this|full)( article| story)?|share on \w+|tweet|email|print|copy link|save|listen( to this article)?|comments?)$/i,
  /^(read more|read also|see also|related|also read|watch|recommended|more from \w+)\s*:.*$/i,
  /^(sign up|subscribe|follow us|click here|download our app|get the latest)\b.*$/i,
  /^(image|photo|video) (caption|source|credit)s?:?.*$/i,
  /^(©|copyright\b|all rights reserved).*$/i,
  /^\(?\d+\s+comments?\)?$/i,
  /^(skip to (main )?content|loading\.*|toggle navigation|menu)$/i,
  /^this (article|story) is more than \d+ \w+ old$/i,
  /^\d+\s+min(ute)?s?\s+read$/i,
  /^(normal|larger?|very large|small) text size\b.*$/i,
  // Separator rules: "___", "* * *", "———".
  /^[\s_*=~·•—–-]{3,}$/,
];

/** A line after which the rest of the page is other stories and links, never this article. */
const END_OF_ARTICLE =
  /^(most popular|most read|most viewed( in [\p{L} ]+)?|read next|read more:?|related (articles|stories|coverage|topics)|more (stories|on this story)|you may also like|trending( now)?|recommended( for you| stories)?|top stories|latest news|comments)$/iu;

/** "By Jane Doe" / "By JANE DOE, Associated Press" (a short line). */
const BYLINE = /^(?:written\s+)?by\s+([\p{Lu}][\p{L}.'’ -]+(?:,\s*[\p{L}.'’ &-]+)?)(?:\s*[|—–]\s*[\p{L}\p{N} ,:.]+)?$/iu;
/** A name and a newsroom title on their own line: "Priya Raman, European Business Editor". */
const NAME_AND_DESK =
  /^((?:\p{Lu}[\p{L}'’-]+\s){1,3}\p{Lu}[\p{L}'’-]+,\s+[\p{L} ]*\b(?:editor|correspondent|reporter|writer|columnist|contributor|staff writer))$/iu;

/** Publication stamps shown as their own line: "Published March 5, 2025", "Updated 3:45 PM EST". */
const STAMP = new RegExp(
  [
    String.raw`^(published|updated|posted|last updated|first published)\b[\s:]*[\p{L}\p{N} ,:.|-]{0,60}$`,
    // "Wednesday, March 5, 2025 4:12 pm", "March 5, 2025"
    String.raw`^(\w+day,?\s+)?\w+\.?\s+\d{1,2},\s+\d{4}(\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?.*)?$`,
    // "Thu 29 Jan 2026 09.14 GMT", "15 April 2026"
    String.raw`^((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?\d{1,2}\s+\p{L}+\.?\s+\d{4}(\s+\d{1,2}[.:]\d{2}(\s*[ap]m)?(\s+[A-Z]{2,4})?)?$`,
  ].join('|'),
  'iu',
);

/**
 * Body paragraphs after the start or the byline before which a time stamp still dates the article:
 * a standfirst or an author's note may stand between them.
 */
const LEAD_PARAGRAPHS = 3;

/** A trailing photo credit in brackets: "(Angela Weiss / AFP)", "(AP Photo/Jehad Alshrafi, File)". */
const BRACKET_CREDIT = /\s*\(([^()]{2,80})\)\s*$/;
const CREDIT_WORDS =
  /\/|\bphoto\b|\bsource:|\bcredit\b|\bcourtesy\b|\bgetty\b|\bimages\b|\breuters\b|\bafp\b|\bap\b|\bepa\b|\bpool\b|\bfile\b/i;
/** Credits set off without brackets: "Photograph: Jane Doe/Getty", "… REUTERS/Mohammed Salem". */
const LABELLED_CREDIT = /\s+(?:photograph|photo|picture|image|credit)s?(?::|\.\.\.|…)\s*([^.]{2,80})\s*$/iu;
const AGENCY_CREDIT = /\s+([A-Z]{2,}(?:\s[A-Z]{2,})?\/[\p{L} .'-]{2,60})\s*$/u;
/** Wire-style caption openings: "FILE - ", "FILE PHOTO: ". */
const CAPTION_OPENING = /^(FILE( PHOTO)?\s*[-–—:]\s*|PHOTO\s*[-–—:]\s*)/;

/** Ends as a sentence does: a stop, possibly inside closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;]["'”’)\]]*$/;

/** Splits raw article text into typed blocks. */
export function parseArticle(text: string, options: ParseOptions): ParsedArticle {
  const lines = splitLines(text, options.format);
  const titleKey = options.title ? comparable(options.title) : null;

  const headlineAt = titleKey === null ? leadHeadline(lines) : -1;
  const stamps: PublicationDate[] = [];

  const seen = new Set<string>();
  const blocks: Block[] = [];
  let headline: string | null = null;
  let byline: string | null = null;
  let section: string | null = null;
  let paragraph = 0;
  let inLead = true;
  let paragraphsBeforeByline = 0;

  const push = (kind: BlockKind, textOfBlock: string, credit?: string) => {
    const block: Block = {
      kind,
      text: textOfBlock,
      paragraph: kind === 'paragraph' ? ++paragraph : null,
      section: kind === 'subheading' ? null : section,
      index: blocks.length,
    };
    if (credit) block.credit = credit;
    blocks.push(block);
  };

  for (let i = 0; i < lines.length; i++) {
    const { text: line, heading, image, emphasis } = lines[i]!;
    if (END_OF_ARTICLE.test(line) && i > 0) break;
    const dates = stampDates(line);
    // Time stamps under the headline or byline date the article; a date lower down is a story's.
    if (dates && paragraph - paragraphsBeforeByline < LEAD_PARAGRAPHS) stamps.push(...dates);
    if (FURNITURE_LINE.some((re) => re.test(line)) || STAMP.test(line) || dates) continue;
    const key = comparable(line);
    if (seen.has(key)) continue;
    seen.add(key);

    const bylineMatch = BYLINE.exec(line) ?? (inLead ? NAME_AND_DESK.exec(line) : null);
    if (bylineMatch && line.length < 120 && !SENTENCE_END.test(line.replace(/\.$/, ''))) {
      byline ??= bylineMatch[1]!.trim();
      paragraphsBeforeByline = paragraph;
      stamps.push(...datesIn(line));
      continue;
    }

    const caption = image ? (splitCaption(line) ?? { text: line }) : splitCaption(line);
    if (caption) {
      push('caption', caption.text, caption.credit);
      continue;
    }

    const isTitle = titleKey !== null && key === titleKey;
    const standfirstInItalics = emphasis === true && inLead && headline !== null;
    const looksLikeHeading = heading > 0 || !SENTENCE_END.test(line) || standfirstInItalics;

    if (inLead && (isTitle || (looksLikeHeading && heading <= 1))) {
      // Before the body: heading-like lines are headlines until the one matching the title
      // (or the first, without a title); heading-like lines after it are the standfirst.
      if (isTitle || (headline === null && titleKey === null && (headlineAt < 0 || i === headlineAt))) {
        headline = line;
        push('headline', line);
      } else if (headline === null && titleKey === null) {
        // A section label or kicker above the headline: page furniture.
        continue;
      } else if (headline === null && titleKey !== null && !laterLineMatches(lines, i + 1, titleKey)) {
        headline = line;
        push('headline', line);
      } else {
        push(headline === null ? 'headline' : 'standfirst', line);
      }
      continue;
    }

    if (looksLikeHeading && (heading > 0 || isSubheading(line, lines[i + 1]?.text))) {
      section = line;
      push('subheading', line);
      inLead = false;
      continue;
    }

    inLead = false;
    push('paragraph', line);
  }

  return {
    headline,
    byline,
    published: publicationDate(stamps),
    publisher: publisherNamed(lines.map((l) => l.text)),
    blocks,
  };
}

interface Line {
  text: string;
  /** Markdown heading level (1-6), or 0 for an ordinary line. */
  heading: number;
  /** A Markdown image standing alone: its alt text is a caption. */
  image?: boolean;
  /** A Markdown paragraph set wholly in italics or bold: under a headline, the standfirst. */
  emphasis?: boolean;
}

/** One entry a block: a line of pasted text, or a Markdown paragraph or heading. */
function splitLines(text: string, format: ArticleFormat): Line[] {
  const raw = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const out: Line[] = [];
  if (format === 'text') {
    for (const line of raw.split('\n')) {
      const t = line.replace(/\s+/g, ' ').trim();
      if (t) out.push({ text: t, heading: 0 });
    }
    return out;
  }
  for (const para of raw.split(/\n\s*\n/)) {
    let buffer: string[] = [];
    const flush = () => {
      const joined = buffer.join(' ').trim();
      const t = stripMarkdown(joined);
      const emphasis = /^(\*\*?|__?)[^*_]+\1$/.test(joined);
      if (t) out.push({ text: t, heading: 0, ...(emphasis ? { emphasis } : {}) });
      buffer = [];
    };
    for (const line of para.split('\n')) {
      const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line.trim());
      const image = /^!\[([^\]]*)\]\([^)]*\)$/.exec(line.trim());
      if (image) {
        flush();
        if (image[1]!.trim()) out.push({ text: stripMarkdown(image[1]!), heading: 0, image: true });
      } else if (h) {
        flush();
        const t = stripMarkdown(h[2]!);
        if (t) out.push({ text: t, heading: h[1]!.length });
      } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
        flush();
      } else {
        buffer.push(line.trim());
      }
    }
    flush();
  }
  return out;
}

/** Markdown syntax off, words kept: links keep their text, images their alt text. */
function stripMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/^>\s?/, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A caption and its credit, if the line is a photo caption. */
function splitCaption(line: string): { text: string; credit?: string } | null {
  const bracket = BRACKET_CREDIT.exec(line);
  if (bracket && CREDIT_WORDS.test(bracket[1]!) && bracket.index > 0) {
    return { text: line.slice(0, bracket.index).trim(), credit: bracket[1]!.trim() };
  }
  const bare = LABELLED_CREDIT.exec(line) ?? AGENCY_CREDIT.exec(line);
  if (bare && bare.index > 0) {
    return { text: line.slice(0, bare.index).trim(), credit: bare[1]!.trim() };
  }
  if (CAPTION_OPENING.test(line)) return { text: line };
  return null;
}

/**
 * The index in `lines` of an untitled article's headline: of the heading-like lines before the body
 * (furniture, stamps, bylines and captions aside), the one {@link pickHeadline} takes; -1 if none.
 */
function leadHeadline(lines: Line[]): number {
  const lead: { text: string; level: number; at: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { text, heading, image, emphasis } = lines[i]!;
    if (FURNITURE_LINE.some((re) => re.test(text)) || STAMP.test(text) || stampDates(text)) continue;
    if (BYLINE.test(text) || NAME_AND_DESK.test(text) || image || splitCaption(text)) continue;
    const headingLike = heading > 0 || !SENTENCE_END.test(text) || (emphasis === true && lead.length > 0);
    if (heading > 1 || !headingLike) break;
    lead.push({ text, level: heading, at: i });
  }
  const k = pickHeadline(lead);
  return k < 0 ? -1 : lead[k]!.at;
}

/** A short heading-like line followed by body text. */
function isSubheading(line: string, next: string | undefined): boolean {
  const words = line.split(/\s+/).length;
  return words <= 14 && line.length <= 120 && next !== undefined;
}

function laterLineMatches(lines: Line[], from: number, key: string): boolean {
  return lines.slice(from, from + 4).some((l) => comparable(l.text) === key);
}

/** A key for comparing lines: case, quote style, dashes and spacing ignored. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
