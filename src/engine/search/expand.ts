/**
 * A question's words read against the corpus: which it knows, and what stands for a word it does not
 * use — a demonym's place, the words an unfinished word begins, the closest spelling — and which
 * lower-case words the corpus only ever writes as names.
 */
import { keyTerm, tokenize } from '../text/analysis.ts';
import { fuzzyPostingsOf, termsWithPrefix } from './minisearch-internals.ts';
import type { Concept } from './question.ts';
import type { SearchIndex } from './search-index.ts';

/** How many corpus terms an unfinished last word may stand for. */
const PREFIX_COMPLETIONS = 3;

/** Whether some alternative of the concept occurs in the corpus (the user's own long words also one typo off). */
export function conceptKnown(index: SearchIndex, c: Concept): boolean {
  return c.alternatives.some((a) =>
    a.terms.every((t) => index.knows(t, c.token.kind === 'word' && a.weight === 1)),
  );
}

/**
 * Adds what the corpus has for the words it does not use: a demonym's place, then for the last word
 * of a question sent unfinished the words it begins, for any other long word the closest spelling.
 */
export function expandFromCorpus(index: SearchIndex, question: string, concepts: readonly Concept[]): void {
  for (const c of concepts) if (!conceptKnown(index, c)) addPlaceForDemonym(index, c);
  const last = concepts.at(-1);
  const unfinished = /[\p{L}\p{N}]$/u.test(question) && last?.position === tokenize(question).length - 1;
  for (const c of concepts) {
    if (!(unfinished && c === last && addCompletion(index, c))) addSpellingCorrection(index, c);
  }
  for (const c of concepts) addSoftMatches(index, c);
}

/**
 * "the stock" finds "shares": an ordinary word of the question (not a name, number or acronym, not a
 * word that frames the question) also stands for the corpus words closest to it in meaning. A word
 * the corpus never uses stands for them at their similarity, as they are all there is of it; a word
 * the corpus uses, only for very close ones (`softKnownMinSimilarity`), at `softWeight` × similarity,
 * below the word itself. A misspelt word is compared through its correction. The vectors are the
 * last resort: a word the curated vocabulary, a correction or an alias already found is left to them.
 */
function addSoftMatches(index: SearchIndex, c: Concept): void {
  const matcher = index.softMatcher;
  if (!matcher || c.token.kind !== 'word' || c.frame) return;
  const o = index.options;
  const own = c.alternatives[0]!.terms[0]!;
  const ownKnown = index.documentFrequency.has(own);
  // The curated vocabulary, a correction or an alias already found it: they are more precise.
  if (!ownKnown && conceptKnown(index, c)) return;
  const have = new Set(c.alternatives.flatMap((a) => a.terms));
  const sources = [own];
  for (const a of c.alternatives)
    if (a.weight === o.spellingWeight && a.terms.length === 1) sources.push(a.terms[0]!);
  for (const source of sources) {
    for (const n of matcher.neighbours(source)) {
      if (have.has(n.term) || (ownKnown && n.similarity < o.softKnownMinSimilarity)) continue;
      have.add(n.term);
      const weight = ownKnown ? o.softWeight * n.similarity : n.similarity;
      c.alternatives.push({ terms: [n.term], weight, soft: true });
    }
  }
}

/** "Kenyan" in a question finds "Kenya" in the corpus: a demonym's place, as a corpus alias. */
function addPlaceForDemonym(index: SearchIndex, c: Concept): void {
  if (c.token.kind !== 'name') return;
  const norm = c.token.norm.replace(/s$/, '');
  for (const suffix of ['ian', 'ese', 'ish', 'an', 'i', 'n']) {
    if (!norm.endsWith(suffix) || norm.length - suffix.length < 3) continue;
    const base = norm.slice(0, -suffix.length);
    for (const place of [base, `${base}a`, `${base}e`, `${base}o`]) {
      const term = keyTerm({ raw: place, norm: place, kind: 'name' }, index.options.analysis);
      if (term && index.knows(term)) {
        c.alternatives.push({ terms: [term], weight: index.options.aliasWeight });
        return;
      }
    }
  }
}

/**
 * "boeh" at the end of an unfinished question finds "boehler": a word the corpus never uses stands
 * for the corpus's most frequent terms it begins (or, for a stemmed word cut short, that begin with
 * it less its last letter or two), at `prefixWeight`. True when it found any.
 */
function addCompletion(index: SearchIndex, c: Concept): boolean {
  const o = index.options;
  const df = index.documentFrequency;
  const typed = c.token.norm;
  if (c.token.kind === 'number' || typed.length < o.prefixMinLength) return false;
  // A whole word the word vectors know ("peru") was finished, not cut short.
  if (index.hasVector(c.alternatives[0]!.terms[0]!)) return false;
  if (c.alternatives.some((a) => a.terms.every((t) => df.has(t)))) return false;
  for (let cut = 0; cut <= 2 && typed.length - cut >= o.prefixMinLength; cut++) {
    const found = [...termsWithPrefix(index.miniSearch, typed.slice(0, typed.length - cut))]
      .filter((t) => df.has(t))
      .sort((a, b) => df.get(b)! - df.get(a)!)
      .slice(0, PREFIX_COMPLETIONS);
    if (found.length === 0) continue;
    for (const term of found) c.alternatives.push({ terms: [term], weight: o.prefixWeight });
    return true;
  }
  return false;
}

/**
 * "firefigters" finds "firefighters": a long lower-case word the corpus never uses stands for the
 * corpus's words closest to it in spelling (within `fuzziness`), at `spellingWeight`.
 */
function addSpellingCorrection(index: SearchIndex, c: Concept): void {
  const own = c.alternatives[0]!.terms[0]!;
  const o = index.options;
  const df = index.documentFrequency;
  // Lengths are the typed word's: a typo can make a short stem of a long word ("turbnes", "turbn").
  const typed = c.token.norm.length;
  if (c.token.kind !== 'word' || typed < o.fuzzyMinLength || df.has(own)) return;
  const distance = Math.max(1, Math.round(Math.min(typed, own.length + 1) * o.fuzziness));
  let best = Infinity;
  let closest: string[] = [];
  for (const [term, [, d]] of fuzzyPostingsOf(index.miniSearch, own, distance)) {
    if (d === 0 || !df.has(term)) continue;
    if (d < best) [best, closest] = [d, [term]];
    else if (d === best) closest.push(term);
  }
  for (const term of closest) c.alternatives.push({ terms: [term], weight: o.spellingWeight });
}

/**
 * A word typed in lower case that the best candidates only ever write capitalised is a name ("who
 * runs vandermolen"), and weighs as one; not a word of the news vocabulary ("news" in "Sky News").
 */
export function markNamesWrittenCapitalised(
  concepts: readonly Concept[],
  candidateTexts: readonly string[],
): void {
  for (const c of concepts) {
    if (
      !c.distinctive &&
      !c.common &&
      c.token.kind === 'word' &&
      writtenOnlyCapitalised(c.token.raw, candidateTexts)
    ) {
      c.distinctive = true;
    }
  }
}

/** Whether `word` occurs in the texts, and only ever with a capital. */
function writtenOnlyCapitalised(word: string, texts: readonly string[]): boolean {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'giu',
  );
  let seen = false;
  for (const text of texts) {
    for (const m of text.matchAll(pattern)) {
      if (m[0][0] !== m[0][0]!.toUpperCase()) return false;
      seen = true;
    }
  }
  return seen;
}
