/**
 * Text analysis for English news: the one place that decides how text becomes search terms.
 * The index, the answer-sentence picker, the quotation and summary rankers all call it, so a
 * question and an article are always analysed the same way.
 */
import porter2 from 'wink-porter2-stemmer';

export interface AnalysisOptions {
  /**
   * Reduce ordinary words to their Porter2 (Snowball English) stem ("talks", "talking" → "talk"), so
   * other forms of a word match. On by default: news questions rarely use the article's exact word form.
   * Porter2 rather than the 1980 Porter algorithm: it keeps "news" apart from "new".
   */
  stem: boolean;
  /**
   * Words that carry no meaning for retrieval and that BM25 should not reward. By default
   * {@link STOP_WORDS}: English function words, plus question words ("who", "what").
   */
  stopWords: ReadonlySet<string>;
}

/** Function words and question words. Not "us": "US" the country is kept by case (see {@link analyzeToken}). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't could couldn't did didn't do does doesn't doing don't down during each few for
from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up very was wasn't
we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why
why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also just
will shall may might must tell say said says told ever whose yet still else many much roughly
approximately around nearly almost exactly far currently originally actually really anything something any
mr mrs ms`.split(/\s+/),
);

/** Defaults for {@link AnalysisOptions}. */
export const DEFAULT_ANALYSIS: AnalysisOptions = { stem: true, stopWords: STOP_WORDS };

/** What sort of token a term came from: it decides stemming and fuzzy matching. */
export type TokenKind = 'word' | 'name' | 'number' | 'acronym';

export interface Token {
  /** The token as written (quotes and dashes normalised). */
  raw: string;
  /** Lower-case form, possessive and dots removed, numbers without thousands separators. */
  norm: string;
  kind: TokenKind;
}

/**
 * Normalises typography so that quotes, apostrophes, dashes and spaces compare equal whatever the
 * house style: curly quotes become straight, en and em dashes become hyphens.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ');
}

/**
 * A token: a dotted acronym ("U.S."), a number with separators ("4,800", "3.5"), a code of letters
 * and digits ("Q3", "G7", "A380"), or a word with
 * inner apostrophes ("Kramer's", "don't"). Hyphenated compounds are split ("Kremlin-backed" → "Kremlin", "backed").
 */
const TOKEN =
  /(?:\p{L}\.){2,}(?!\p{L})|\p{N}+(?:[.,]\p{N}+)*(?:\p{L}{1,2}\b)?|\p{L}+\p{N}[\p{L}\p{N}]*|\p{L}[\p{L}\p{M}]*(?:'\p{L}+)*/gu;

/** Splits text into tokens (stop words included: callers decide what to drop). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of normalizeText(text).matchAll(TOKEN)) out.push(analyzeToken(m[0]));
  return out;
}

/**
 * Abbreviated titles, read as the word they stand for, so "Gov. Pruitt" is found by "governor".
 * ("Mr.", "Mrs." and "Ms." are stop words.)
 */
export const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gov: 'governor',
  sen: 'senator',
  rep: 'representative',
  gen: 'general',
  lt: 'lieutenant',
  col: 'colonel',
  pres: 'president',
  sec: 'secretary',
  atty: 'attorney',
  prof: 'professor',
  dr: 'doctor',
  supt: 'superintendent',
  sgt: 'sergeant',
  capt: 'captain',
  cmdr: 'commander',
  adm: 'admiral',
  maj: 'major',
  insp: 'inspector',
  det: 'detective',
  amb: 'ambassador',
};

/** Classifies one raw token and gives its normalised form. */
function analyzeToken(raw: string): Token {
  let token = tokenCache.get(raw);
  if (!token) {
    token = classify(raw);
    remember(tokenCache, raw, token);
  }
  return token;
}

/** Memo tables for the pure per-word steps, which dominate query time. Cleared when full. */
const MEMO_LIMIT = 200_000;
const tokenCache = new Map<string, Token>();
const stemCache = new Map<string, string>();

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MEMO_LIMIT) cache.clear();
  cache.set(key, value);
}

function classify(raw: string): Token {
  if (/^\p{N}/u.test(raw)) {
    // "4,800" and "4800" are one number; "2.2" keeps its point.
    return { raw, norm: raw.replace(/,(?=\p{N}{3}\b)/gu, '').toLowerCase(), kind: 'number' };
  }
  if (/^(\p{L}\.){2,}$/u.test(raw))
    return { raw, norm: raw.replace(/\./g, '').toLowerCase(), kind: 'acronym' };
  const base = raw.replace(/'s$/i, '').replace(/'$/, '');
  if (base.length >= 2 && base === base.toUpperCase() && /\p{Lu}/u.test(base)) {
    return { raw, norm: base.toLowerCase(), kind: 'acronym' };
  }
  // A plural acronym: "MPs", "CEOs".
  if (/^\p{Lu}{2,}s$/u.test(base)) return { raw, norm: base.slice(0, -1).toLowerCase(), kind: 'acronym' };
  const lower = base.toLowerCase();
  const title = /^\p{Lu}\p{Ll}{1,3}$/u.test(base) ? TITLE_ABBREVIATIONS[lower] : undefined;
  if (title) return { raw, norm: title, kind: 'word' };
  const kind: TokenKind = /^\p{Lu}/u.test(base) ? 'name' : 'word';
  return { raw, norm: lower, kind };
}

/** True when the token carries no meaning for retrieval. Lower-case "us" is a pronoun; "US" is not. */
export function isStopToken(token: Token, options: AnalysisOptions = DEFAULT_ANALYSIS): boolean {
  if (token.kind === 'acronym' || token.kind === 'number') return false;
  return options.stopWords.has(token.norm) || (token.kind === 'word' && token.norm === 'us');
}

/**
 * Irregular past forms of verbs common in news copy, mapped to their base form, so "held" finds
 * "hold" and "fled" finds "flee": a stemmer only strips regular endings.
 */
const IRREGULAR_VERBS: Readonly<Record<string, string>> = Object.fromEntries(
  `held:hold took:take taken:take told:tell met:meet left:leave fought:fight brought:bring began:begin begun:begin
won:win lost:lose ran:run saw:see seen:see went:go gone:go came:come made:make gave:give given:give knew:know
known:know thought:think kept:keep sent:send spent:spend built:build paid:pay sold:sell struck:strike
shot:shoot fled:flee led:lead fell:fall fallen:fall rose:rise risen:rise chose:choose chosen:choose
broke:break broken:break spoke:speak spoken:speak wrote:write written:write drove:drive driven:drive
hid:hide hidden:hide stole:steal stolen:steal sought:seek taught:teach caught:catch bought:buy felt:feel
found:find heard:hear meant:mean stood:stand understood:understand withdrew:withdraw withdrawn:withdraw
froze:freeze frozen:freeze swore:swear sworn:swear drew:draw drawn:draw grew:grow grown:grow threw:throw
thrown:throw flew:fly flown:fly shook:shake shaken:shake dealt:deal undertook:undertake overtook:overtake
forgave:forgive forgiven:forgive arose:arise arisen:arise bore:bear borne:bear wore:wear worn:wear tore:tear
torn:tear showed:show shown:show slain:slay slew:slay sank:sink sunk:sink spoke:speak woke:wake`
    .split(/\s+/)
    .map((pair) => pair.split(':') as [string, string]),
);

/** The stem of a normalised word (irregular verbs to their base form first). */
export function stemWord(norm: string, options: AnalysisOptions = DEFAULT_ANALYSIS): string {
  if (!options.stem) return norm;
  let stem = stemCache.get(norm);
  if (stem === undefined) {
    const base = IRREGULAR_VERBS[norm] ?? norm;
    stem = base.length > 3 ? porter2(base) : base;
    remember(stemCache, norm, stem);
  }
  return stem;
}

/**
 * A word without its inflection (plural, past, -ing; a doubled final consonant and a final "e"
 * dropped on every form alike): "talks", "talked", "talking" → "talk"; "negotiate", "negotiating" →
 * "negotiat". Unlike a stem it keeps derivation apart: "negotiations" and "negotiator" differ,
 * "reports" and "reporters" differ. For comparing words, not for display.
 */
export function inflectionBase(norm: string): string {
  let w = IRREGULAR_VERBS[norm] ?? norm;
  if (w.length > 3) {
    if (/^[^aeiou]ie[sd]$/.test(w)) w = w.slice(0, -1);
    else if (/[^aeiou]ie[sd]$/.test(w)) w = `${w.slice(0, -3)}y`;
    else if (/(ss|us|is)$/.test(w)) {
      // "press", "status", "crisis": not plurals.
    } else if (/(s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w)) w = w.slice(0, -1);
    else if (/ing$/.test(w) && w.length > 5) w = w.slice(0, -3);
    else if (/ed$/.test(w) && w.length > 4) w = w.slice(0, -2);
  }
  return w.replace(/([^aeiou])\1$/, '$1').replace(/e+$/, '');
}

/**
 * The index terms of a token. A capitalised word may be a name or a sentence's first word, so it
 * yields both its exact lower-case form (names match names) and its stem (the word matches its
 * other forms). Numbers and acronyms are kept as they are.
 */
function termsOf(token: Token, options: AnalysisOptions = DEFAULT_ANALYSIS): string[] {
  if (isStopToken(token, options)) return [];
  if (token.kind === 'number' || token.kind === 'acronym') return [token.norm];
  const stem = stemWord(token.norm, options);
  return token.kind === 'name' && stem !== token.norm ? [token.norm, stem] : [stem];
}

/** All index terms of a text, in order (a name yields two). */
export function analyze(text: string, options: AnalysisOptions = DEFAULT_ANALYSIS): string[] {
  return tokenize(text).flatMap((t) => termsOf(t, options));
}

/**
 * One term a token for matching a question against text: the stem for ordinary words, the
 * normalised form for names, numbers and acronyms.
 */
export function keyTerm(token: Token, options: AnalysisOptions = DEFAULT_ANALYSIS): string | null {
  if (isStopToken(token, options)) return null;
  if (token.kind === 'number' || token.kind === 'acronym') return token.norm;
  return stemWord(token.norm, options);
}

/** The distinct key terms of a text (see {@link keyTerm}). */
export function keyTerms(text: string, options: AnalysisOptions = DEFAULT_ANALYSIS): string[] {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    const k = keyTerm(t, options);
    if (k) out.add(k);
  }
  return [...out];
}

/**
 * The words of a text that stand inside a proper name of several words ("Sky News", "the White
 * House", "The Irish Times"), where they name something rather than mean what they say.
 * `only`: index terms found in the text only inside such names. `pairs`: key terms of neighbouring
 * words of one name, as "a b", so that a question naming the whole name ("white house") still matches it.
 */
export interface NameParts {
  only: ReadonlySet<string>;
  pairs: ReadonlySet<string>;
}

const EMPTY_NAME_PARTS: NameParts = { only: new Set(), pairs: new Set() };

/** Finds the words of `text` that stand inside names of several capitalised words (see {@link NameParts}). */
export function nameParts(text: string, options: AnalysisOptions = DEFAULT_ANALYSIS): NameParts {
  const normal = normalizeText(text);
  const spans = [...normal.matchAll(TOKEN)].map((m) => ({
    token: analyzeToken(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
  if (spans.length < 2) return EMPTY_NAME_PARTS;
  const capital = spans.map((s) => /^\p{Lu}/u.test(s.token.raw));
  const stop = spans.map((s) => isStopToken(s.token, options));
  // Only spaces between two words: a comma, a full stop or a dash ends a name.
  const joined = (i: number) => /^ +$/.test(normal.slice(spans[i - 1]!.end, spans[i]!.start));
  const sentenceStart = (i: number) =>
    i === 0 || /[.!?:;"([]\s*$/.test(normal.slice(Math.max(0, spans[i]!.start - 4), spans[i]!.start));
  // A capitalised word continues a name when the word before it is capitalised too, and is not
  // merely a sentence's first function word ("The White House" continues; "The talks" does not).
  const continues = (i: number) =>
    i > 0 &&
    capital[i]! &&
    !stop[i]! &&
    capital[i - 1]! &&
    joined(i) &&
    !(stop[i - 1]! && sentenceStart(i - 1));
  const inName = spans.map((_, i) => continues(i) || (i + 1 < spans.length && continues(i + 1) && !stop[i]!));
  const inside = new Set<string>();
  const outside = new Set<string>();
  const pairs = new Set<string>();
  spans.forEach((s, i) => {
    for (const term of termsOf(s.token, options)) (inName[i] ? inside : outside).add(term);
    if (inName[i] && i > 0 && inName[i - 1]! && continues(i)) {
      const a = keyTerm(spans[i - 1]!.token, options);
      const b = keyTerm(s.token, options);
      if (a && b) pairs.add(`${a} ${b}`);
    }
  });
  const only = new Set([...inside].filter((t) => !outside.has(t)));
  return only.size === 0 ? EMPTY_NAME_PARTS : { only, pairs };
}
