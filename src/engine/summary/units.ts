/**
 * The atoms a summary is chosen from, and what each needs shown before it to be understood: a
 * sentence that opens with a pronoun, a connective or a definite reference, or names by surname
 * someone introduced earlier in full, depends on an earlier one; a quotation that runs over several
 * sentences is one unit, shown whole or not at all.
 */
import { tokenize } from '../text/analysis.ts';
import { NAME_PARTICLES, NOT_NAMES, SPEECH_VERB_PATTERN } from '../text/lexicon.ts';
import { findQuotations, outsideQuotations, type QuoteSpan } from '../text/quote-marks.ts';
import type { Block } from '../types.ts';
import type { BodySentence } from './body.ts';

/** What a unit needs shown before it to be understood. */
export interface Need {
  /** Units any one of which, if chosen, makes the reference clear. */
  resolvedBy: number[];
  /** The unit to bring in when none is chosen: the nearest earlier one; null if there is none. */
  antecedent: number | null;
}

/** The atom of selection: one sentence, or the sentences of one quotation that runs over several. */
export interface Unit {
  sentences: BodySentence[];
  text: string;
  words: number;
  needs: Need[];
}

/** Groups sentences into units (quotations kept whole) and finds what each unit refers back to. */
export function buildUnits(sentences: readonly BodySentence[]): Unit[] {
  const units: Unit[] = [];
  const quotations = new Map<Block, QuoteSpan[]>();
  const quotationsOf = (block: Block) => {
    let spans = quotations.get(block);
    if (!spans) quotations.set(block, (spans = findQuotations(block.text, 'any')));
    return spans;
  };
  // Whether a quotation is still open where the previous sentence ends.
  let open = false;
  let current: BodySentence[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const text = current.map((s) => s.text).join(' ');
    units.push({ sentences: current, text, words: text.split(/\s+/).length, needs: [] });
    current = [];
  };
  sentences.forEach((sentence, i) => {
    const previous = sentences[i - 1];
    const spans = quotationsOf(sentence.block);
    const newParagraph = previous !== undefined && previous.block !== sentence.block;
    // A quotation runs on into the next paragraph only when that paragraph reopens it, as news
    // style does; otherwise the open mark was a slip and the unit ends with its paragraph.
    if (newParagraph && open && !spans.some((s) => s.open === sentence.start)) open = false;
    // A sentence ending in a colon introduces what follows ("…, said:" then the quotation).
    const introduces = previous !== undefined && /:\s*$/.test(previous.text);
    if (!open && !introduces) flush();
    current.push(sentence);
    const end = sentence.start + sentence.text.length;
    open = spans.some((s) => s.open < end && (s.closed ? s.close > end : s.close >= end));
  });
  flush();
  const names = units.map((u) => nameRuns(outsideQuotations(u.text)));
  units.forEach((unit, i) => {
    if (i > 0) unit.needs = findNeeds(units, names, i);
  });
  return units;
}

/** Words that, opening a sentence, point back to something said before. */
const REFERRING_OPENERS = new Set(
  `he she it they him her his its their them this that these those such both neither another either
however but and also meanwhile still instead moreover furthermore additionally besides likewise similarly
thus therefore hence then yet nonetheless nevertheless otherwise consequently accordingly regardless
indeed afterwards afterward later there's`.split(/\s+/),
);

/** Multi-word openings that point back. */
const REFERRING_PHRASES =
  /^(in addition|as a result|at the same time|on the other hand|by contrast|in contrast|even so|for (his|her|their|its) part|in turn|in response|the same|the latter|the former|the (two|three|four|five|pair|couple)\b)/i;

/** Nouns that, after "the" at a sentence's opening, usually take up something just mentioned. */
const ANAPHORIC_HEADS = new Set(
  `move decision announcement remarks comments statement incident attack deal agreement plan proposal measure
bill law report findings study pair couple man woman boy girl suspect victim company firm group official
officials spokesman spokeswoman spokesperson source sources rule policy change changes case ruling
letter order effort idea talks meeting agency department minister`.split(/\s+/),
);

/** A pronoun beside a speech verb: a speaker the reader must already know ("…,” he adds). */
const PRONOUN_ATTRIBUTION = new RegExp(
  `\\b(he|she|they)\\s+(\\w+ly\\s+)?(?:${SPEECH_VERB_PATTERN})\\b|\\b(?:${SPEECH_VERB_PATTERN})\\s+(he|she)\\b`,
  'i',
);

function findNeeds(units: Unit[], names: NameRun[][], index: number): Need[] {
  const unit = units[index]!;
  const first = unit.sentences[0]!.text;
  const outside = outsideQuotations(unit.text);
  const needs: Need[] = [];
  const previous: Need = { resolvedBy: [index - 1], antecedent: index - 1 };
  // A quotation with no attribution of its own belongs to the speaker named before it.
  const unattributed = !/\p{L}/u.test(outside);
  if (
    unattributed ||
    opensWithReference(first) ||
    pronounBeforeName(outside) ||
    attributedToPronoun(outside)
  ) {
    needs.push(previous);
  }

  // A surname alone ("Roe did not comment") for someone introduced earlier by full name.
  const own = names[index]!;
  for (const run of own) {
    if (run.words.length !== 1 || run.afterThe) continue;
    const surname = run.words[0]!;
    if (own.some((r) => r.words.length > 1 && r.words.at(-1) === surname)) continue;
    const introducedIn: number[] = [];
    for (let j = 0; j < index; j++) {
      if (names[j]!.some((r) => r.words.length > 1 && r.words.at(-1) === surname)) introducedIn.push(j);
    }
    if (introducedIn.length) needs.push({ resolvedBy: introducedIn, antecedent: introducedIn.at(-1)! });
  }
  return needs;
}

/** Opens with a pronoun, a connective, or a definite phrase that takes up what came before. */
export function opensWithReference(sentence: string): boolean {
  const text = sentence.replace(/^[\s“"‘'([«—–-]+/, '');
  const first = /^[\p{L}']+/u.exec(text.replace(/’/g, "'"))?.[0]?.toLowerCase() ?? '';
  if (REFERRING_OPENERS.has(first) || REFERRING_PHRASES.test(text)) return true;
  const definite = /^the\s+([\p{Ll}][\p{L}-]*)(['’]s)?\b/u.exec(text.replace(/^The\b/, 'the'));
  if (!definite) return false;
  // "The deal's first phase": a possessive on a common noun is a reference to a thing named before.
  return definite[2] !== undefined || ANAPHORIC_HEADS.has(definite[1]!.toLowerCase());
}

/** "In a statement, she said …": a he or she before any name, outside quotations. */
function pronounBeforeName(outside: string): boolean {
  const tokens = tokenize(outside);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Subject pronouns only: "In her judgment, Harwood said" points forward, not back.
    if (t.kind === 'word' && /^(he|she)$/.test(t.norm)) return true;
    if (t.kind === 'acronym') return false;
    if (t.kind === 'name' && i > 0) return false;
  }
  return false;
}

/** "… ,” he adds": a quotation attributed to a pronoun. */
function attributedToPronoun(outside: string): boolean {
  return PRONOUN_ATTRIBUTION.test(outside);
}

/** A run of capitalised words in a text: a name, a title and a name, or a place. */
interface NameRun {
  words: string[];
  /** Preceded by "the": a thing or a place ("the Strip"), not a person's surname. */
  afterThe: boolean;
}

/** The runs of capitalised words in a text, possessives stripped, sentence-opening function words dropped. */
function nameRuns(text: string): NameRun[] {
  const runs: NameRun[] = [];
  const words = [...normalizeQuotes(text).matchAll(/[\p{L}][\p{L}'-]*|[^\s\p{L}]+/gu)].map((m) => m[0]);
  let run: string[] = [];
  let afterThe = false;
  const flush = () => {
    while (run.length && NOT_NAMES.has(run[0]!.toLowerCase()))
      afterThe = run.shift()!.toLowerCase() === 'the';
    while (run.length && NAME_PARTICLES.has(run.at(-1)!)) run.pop();
    if (run.length) runs.push({ words: run.map((w) => w.replace(/'s?$/, '')), afterThe });
    run = [];
  };
  words.forEach((word, i) => {
    const capitalised = /^\p{Lu}\p{Ll}/u.test(word);
    if (capitalised || (run.length > 0 && NAME_PARTICLES.has(word))) {
      if (run.length === 0) afterThe = (words[i - 1] ?? '').toLowerCase() === 'the';
      run.push(word);
      if (/'s?$/.test(word)) flush();
    } else {
      flush();
    }
  });
  flush();
  return runs.filter((r) => r.words.length > 0);
}

function normalizeQuotes(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}
