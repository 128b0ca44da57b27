/**
 * What makes a sentence worth a place in a summary, measured: TF-IDF term vectors and their cosine
 * similarity, specificity, the facts it states as weighted terms, and the share of its words that
 * are quotation.
 */
import { analyze, keyTerm, tokenize } from '../text/analysis.ts';
import { outsideQuotations } from '../text/quote-marks.ts';

/** TF-IDF term vectors of texts; `background` texts also count for document frequency. */
export function tfidfVectors(texts: string[], background: string[] = []): Map<string, number>[] {
  return tfidfOfTerms(
    [...texts, ...background].map((t) => analyze(t)),
    texts.length,
  );
}

/**
 * TF-IDF term vectors of the first `count` of `docs` (each a text's terms, as `analyze` gives them);
 * every doc counts for document frequency.
 */
export function tfidfOfTerms(docs: readonly string[][], count: number): Map<string, number>[] {
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.slice(0, count).map((terms) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [t, f] of tf) v.set(t, (1 + Math.log(f)) * Math.log(1 + n / (df.get(t) ?? 1)));
    return v;
  });
}

/** The Euclidean length of a term vector. */
export function norm(v: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** Cosine similarity of two term vectors; their lengths may be given when already known. */
export function cosine(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  normA = norm(a),
  normB = norm(b),
): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const d = normA * normB;
  return d ? dot / d : 0;
}

/** Distinct numbers, acronyms and mid-sentence capitalised words of a text outside its quotations, per ten words. */
export function specificTerms(outside: string): number {
  const tokens = tokenize(outside);
  const specific = new Set(
    tokens
      .filter((t, i) => t.kind === 'number' || t.kind === 'acronym' || (t.kind === 'name' && i > 0))
      .map((t) => t.norm),
  );
  return tokens.length ? (10 * specific.size) / tokens.length : 0;
}

/** The share of a text's words that stand inside quotation marks. */
export function quotedShare(text: string, outside = outsideQuotations(text)): number {
  const all = text.split(/\s+/).filter(Boolean).length;
  const own = outside.split(/\s+/).filter(Boolean).length;
  return all ? Math.max(0, (all - own) / all) : 0;
}

export function normalizeMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}

/**
 * The facts a text states outside its quotations, as weighted terms: each key term once, a number, an acronym or a name
 * within the sentence weighing `specificWeight`, an ordinary word 1. A summary covers facts by
 * covering these terms.
 */
export function factTerms(outside: string, specificWeight: number): Map<string, number> {
  const out = new Map<string, number>();
  tokenize(outside).forEach((t, i) => {
    const term = keyTerm(t);
    if (!term) return;
    const specific = t.kind === 'number' || t.kind === 'acronym' || (t.kind === 'name' && i > 0);
    out.set(term, Math.max(out.get(term) ?? 0, specific ? specificWeight : 1));
  });
  return out;
}
