/**
 * What makes a sentence worth a place in a summary, measured: TF-IDF term vectors and their cosine
 * similarity, centrality (TextRank: PageRank over the similarity graph), specificity, and the share
 * of its words that are quotation.
 */
import { analyze, tokenize } from '../text/analysis.ts';
import { outsideQuotations } from '../text/quote-marks.ts';

/** TF-IDF term vectors of texts; `background` texts also count for document frequency. */
export function tfidfVectors(texts: string[], background: string[] = []): Map<string, number>[] {
  const docs = [...texts, ...background].map((t) => analyze(t));
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.slice(0, texts.length).map((terms) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [t, f] of tf) v.set(t, (1 + Math.log(f)) * Math.log(1 + n / (df.get(t) ?? 1)));
    return v;
  });
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  const d = norm(a) * norm(b);
  return d ? dot / d : 0;
}

/**
 * PageRank over a weighted, undirected similarity graph (TextRank). Self-similarity is ignored; a
 * sentence that shares no term with any other spreads its score evenly.
 */
export function pageRank(similarity: number[][], damping: number, maxIterations: number): number[] {
  const n = similarity.length;
  const outWeight = similarity.map((row, i) => row.reduce((s, w, j) => s + (i === j ? 0 : w), 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < maxIterations; iter++) {
    const dangling = rank.reduce((s, r, j) => s + (outWeight[j] === 0 ? r : 0), 0);
    const next = rank.map((_, i) => {
      let inflow = 0;
      for (let j = 0; j < n; j++) {
        if (j !== i && outWeight[j]! > 0) inflow += (similarity[j]![i]! / outWeight[j]!) * rank[j]!;
      }
      return (1 - damping) / n + damping * (inflow + dangling / n);
    });
    const moved = next.reduce((s, r, i) => s + Math.abs(r - rank[i]!), 0);
    rank = next;
    if (moved < 1e-6) break;
  }
  return rank;
}

/** Distinct numbers, acronyms and mid-sentence capitalised words, per ten words. */
export function specificTerms(text: string): number {
  const tokens = tokenize(outsideQuotations(text));
  const specific = new Set(
    tokens
      .filter((t, i) => t.kind === 'number' || t.kind === 'acronym' || (t.kind === 'name' && i > 0))
      .map((t) => t.norm),
  );
  return tokens.length ? (10 * specific.size) / tokens.length : 0;
}

/** The share of a text's words that stand inside quotation marks. */
export function quotedShare(text: string): number {
  const all = text.split(/\s+/).filter(Boolean).length;
  const outside = outsideQuotations(text).split(/\s+/).filter(Boolean).length;
  return all ? Math.max(0, (all - outside) / all) : 0;
}

export function normalizeMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}
