/**
 * Sentence splitting for English news text.
 *
 * Sentences are returned as exact substrings of the input, so that every sentence shown to a reader
 * is the article's own words. The splitter survives abbreviations ("Mr.", "Jan. 29"), initials and
 * dotted acronyms ("U.S."), ellipses inside quotations, and closing quotation marks after the stop.
 */

/** A sentence and where it stands in the text it was split from. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Words that end in a period without ending a sentence. Lower-case, without the period.
 * Titles, months, and the common abbreviations of news copy.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'fr',
  'rev',
  'hon',
  'pres',
  'gov',
  'sen',
  'rep',
  'reps',
  'sens',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'adm',
  'sgt',
  'cpl',
  'pvt',
  'supt',
  'insp',
  'det',
  'atty',
  'gen',
  'amb',
  'sec',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thurs',
  'fri',
  'sat',
  'sun',
  'inc',
  'co',
  'corp',
  'ltd',
  'llc',
  'plc',
  'bros',
  'dept',
  'univ',
  'assn',
  'ave',
  'blvd',
  'rd',
  'no',
  'nos',
  'vol',
  'vs',
  'v',
  'etc',
  'approx',
  'est',
  'fig',
  'al',
  'op',
  'cf',
  'ca',
]);

/**
 * Words that may open a sentence after a dotted acronym ("... in the U.S. The talks ...").
 * After "U.S." any other capitalised word is taken as a name ("U.S. President"), not a new sentence.
 */
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'but',
  'and',
  'in',
  'on',
  'at',
  'this',
  'that',
  'these',
  'those',
  'there',
  'his',
  'her',
  'their',
  'its',
  'our',
  'as',
  'if',
  'when',
  'while',
  'after',
  'before',
  'since',
  'however',
  'meanwhile',
  'still',
  'yet',
  'so',
  'for',
  'of',
]);

const CLOSERS = `"'”’)]»`;

/** Splits text into sentences; the returned spans cover the text except whitespace between them. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = skipSpace(text, 0);
  // A stop: . ! ? or an ellipsis, then any closing quotes or brackets, then white space.
  const stop = /[.!?…]+[”"’')\]»]*(?=\s)/g;
  for (let m = stop.exec(text); m; m = stop.exec(text)) {
    const end = m.index + m[0].length;
    if (end <= start) continue;
    const next = skipSpace(text, end);
    if (next >= text.length) break;
    if (!endsSentence(text, start, m.index, m[0], next)) continue;
    spans.push({ text: text.slice(start, end), start, end });
    start = next;
  }
  if (start < text.length) {
    const end = text.trimEnd().length;
    if (end > start) spans.push({ text: text.slice(start, end), start, end });
  }
  return spans;
}

/** The sentences of a text, as exact substrings of it. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((s) => s.text);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function endsSentence(text: string, start: number, stopAt: number, stop: string, next: number): boolean {
  const following = text.slice(next, next + 40);
  const nextWord = /^[“"‘'([«]*([\p{L}\p{N}]+)/u.exec(following)?.[1] ?? '';
  const opensLikeSentence = /^[“"‘'([«]*[\p{Lu}\p{N}]/u.test(following);
  if (!opensLikeSentence) return false;
  // "?" and "!" (and a stop followed by a closing quote) end a sentence whenever a capital follows.
  if (!stop.startsWith('.') || CLOSERS.includes(stop[stop.length - 1]!)) return true;
  if (stop.startsWith('…') || stop.startsWith('...')) return true;
  const before = text.slice(start, stopAt);
  const word = /([\p{L}\p{N}.]+)$/u.exec(before)?.[1] ?? '';
  if (word === '') return true;
  // Dotted acronyms and initials: "U.S.", "J.", "a.m."
  if (/^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{L}$/u.test(word)) {
    return /^\p{Lu}/u.test(nextWord) && SENTENCE_OPENERS.has(nextWord.toLowerCase()) && word.length > 1;
  }
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return true;
}
