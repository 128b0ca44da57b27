/**
 * How well a passage or a sentence answers a question: its coverage of the question (each concept
 * weighted by rarity), its concept-level BM25, and its best sentence.
 */
import type { Concept, QuestionAnalysis } from './question.ts';
import { bm25Score } from './bm25.ts';
import type { SearchIndex } from './search-index.ts';
import { answersShape } from './shapes.ts';
import type { TextView } from './views.ts';

/** A concept's weight: its rarity, emphasised for names and lowered for words that frame the question. */
export function conceptWeight(index: SearchIndex, c: Concept): number {
  const o = index.options;
  const emphasis = c.frame ? o.frameWeight : c.distinctive ? o.distinctiveWeight : 1;
  return conceptRarity(index, c) * emphasis * (onlySoft(index, c) ? o.softConceptWeight : 1);
}

/** Whether the corpus has the concept only through words close in meaning (see `soft.ts`). */
function onlySoft(index: SearchIndex, c: Concept): boolean {
  return !c.alternatives.some((a) => !a.soft && a.terms.every((t) => index.knows(t)));
}

/**
 * The idf of the user's word; when the corpus lacks it, of its likeliest known stand-in (the one of
 * highest weight, the rarest among equals): a loosely related rare word must not make it weigh more.
 */
function conceptRarity(index: SearchIndex, c: Concept): number {
  const own = c.alternatives[0]!.terms[0]!;
  if (index.knows(own)) return index.idf(own);
  let best = { weight: 0, idf: 0 };
  for (const a of c.alternatives) {
    const known = a.terms.filter((t) => index.knows(t));
    if (known.length === 0) continue;
    const idf = Math.max(...known.map((t) => index.idf(t)));
    if (a.weight > best.weight || (a.weight === best.weight && idf > best.idf))
      best = { weight: a.weight, idf };
  }
  return best.idf || index.idf(own);
}

/** Share of the question a text covers: each concept weighted by rarity, frames by frameWeight. */
export function coverage(
  index: SearchIndex,
  q: QuestionAnalysis,
  text: TextView,
  article?: TextView,
): number {
  let total = 0;
  let found = 0;
  for (const c of q.concepts) {
    const weight = conceptWeight(index, c);
    total += weight;
    // A name the passage's article gives counts, less, for a passage that leaves it implicit
    // ("the company" in a story about Halvard).
    const implicit = article && c.distinctive ? index.options.implicitNameWeight * presence(c, article) : 0;
    found += weight * Math.max(presenceBeyondNames(index, c, q, text), implicit);
  }
  return total > 0 ? found / total : 0;
}

/** How well a concept is present: the weight of its best alternative found in the text. */
function presence(c: Concept, text: TextView): number {
  let best = 0;
  for (const a of c.alternatives) {
    if (a.weight <= best) continue;
    const found = a.phrase ? text.phrases.includes(` ${a.phrase} `) : a.terms.every((t) => text.terms.has(t));
    if (found) best = a.weight;
  }
  return best;
}

/**
 * A concept's presence, where a lower-case question word the text has only inside a longer name
 * counts `namePartWeight`, unless a neighbouring word of the question is the name's next word too.
 */
function presenceBeyondNames(index: SearchIndex, c: Concept, q: QuestionAnalysis, text: TextView): number {
  if (!onlyInNames(c, q, text)) return presence(c, text);
  const others = presence({ ...c, alternatives: c.alternatives.slice(1) }, text);
  return Math.max(others, index.options.namePartWeight);
}

/** Whether the text has the concept's own word only inside a longer name the question does not name. */
function onlyInNames(c: Concept, q: QuestionAnalysis, text: TextView): boolean {
  const names = text.names;
  if (!names || names.only.size === 0 || c.token.kind !== 'word' || c.distinctive) return false;
  const own = c.alternatives[0]!.terms[0]!;
  if (!names.only.has(own)) return false;
  return !q.concepts.some((d) => {
    if (Math.abs(d.position - c.position) !== 1) return false;
    const other = d.alternatives[0]!.terms[0]!;
    return names.pairs.has(`${own} ${other}`) || names.pairs.has(`${other} ${own}`);
  });
}

/**
 * BM25 with each concept of the question as one term, as Lucene's SynonymQuery scores synonyms:
 * the concept occurs where any of its alternatives does, counted at the alternative's weight, and it
 * is as rare as the user's word. Summed, then multiplied by the number of concepts found, as
 * MiniSearch does for terms.
 */
export function conceptBm25(
  index: SearchIndex,
  q: QuestionAnalysis,
  passageId: string,
  view: TextView,
  lengthNorm: number,
): number {
  const counts = termCounts(index.views.passageTerms.get(passageId));
  let sum = 0;
  let found = 0;
  for (const c of q.concepts) {
    const tf = conceptFrequency(index, c, q, view, counts);
    if (tf === 0) continue;
    const idf = conceptRarity(index, c) * (c.frame ? index.options.frameWeight : 1);
    sum += bm25Score(idf, tf, lengthNorm);
    found += 1;
  }
  return sum * found;
}

/** How many times each term occurs. */
function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * A concept's term frequency in a passage: its best alternative's occurrences times its weight (a word
 * the passage has only inside a longer name at `namePartWeight`; when the corpus never uses the user's
 * word, its stand-ins in full).
 */
function conceptFrequency(
  index: SearchIndex,
  c: Concept,
  q: QuestionAnalysis,
  view: TextView,
  counts: ReadonlyMap<string, number>,
): number {
  const ownKnown = index.knows(c.alternatives[0]!.terms[0]!);
  let tf = 0;
  c.alternatives.forEach((a, i) => {
    const n = a.phrase
      ? occurrences(view.phrases, ` ${a.phrase} `)
      : Math.min(...a.terms.map((t) => counts.get(t) ?? 0));
    if (n === 0) return;
    const weight =
      i === 0 && onlyInNames(c, q, view) ? index.options.namePartWeight : ownKnown || a.soft ? a.weight : 1;
    tf = Math.max(tf, weight * n);
  });
  return tf;
}

/** How many times `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++;
  return n;
}

/**
 * The sentence of `text` that best answers the question: the most coverage, plus bonuses for
 * holding what the question's shape asks for and for question words standing close together.
 * Its score is on the coverage scale (0 to 1 plus bonuses).
 */
export function bestSentence(
  index: SearchIndex,
  text: string,
  q: QuestionAnalysis,
): { text: string; score: number } {
  const o = index.options;
  let best = { text, score: -1 };
  for (const sentence of index.views.sentences(text)) {
    let score = coverage(index, q, sentence);
    if (score > 0 && answersShape(q, sentence.tokens, sentence.text)) score += o.shapeBonus;
    score += o.proximityBonus * proximity(q, sentence.sequence);
    if (score > best.score) best = { text: sentence.text, score };
  }
  return best;
}

/** Share of neighbouring question concepts found within a few words of each other, in either order. */
function proximity(q: QuestionAnalysis, terms: readonly string[]): number {
  const content = q.concepts.filter((c) => !c.frame);
  if (content.length < 2) return 0;
  const positions = (c: Concept) =>
    terms.flatMap((t, i) => (c.alternatives.some((a) => a.weight === 1 && a.terms.includes(t)) ? [i] : []));
  let near = 0;
  for (let i = 1; i < content.length; i++) {
    const a = positions(content[i - 1]!);
    const b = positions(content[i]!);
    if (a.some((x) => b.some((y) => Math.abs(x - y) <= 3))) near++;
  }
  return near / (content.length - 1);
}
