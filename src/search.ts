/**
 * The passage index and question answering: which passages of the corpus answer a question,
 * which sentence of each answers it, and when the corpus does not answer at all.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import {
  DEFAULT_ANALYSIS,
  analyze,
  keyTerm,
  tokenize,
  type AnalysisOptions,
  type Token,
} from './analysis.ts';
import { sentenceSpans } from './sentences.ts';
import type { Answer, Article, Block, BlockKind, Citation, Passage, PassageHit } from './types.ts';

export interface SearchOptions {
  /** How many passages an answer holds at most. Default 5: what the CLI contract allows. */
  limit: number;
  /**
   * Score multiplier by block kind. Body paragraphs carry the reporting; captions and headings repeat
   * it in fewer words and would otherwise win on length normalisation alone. Default paragraph 1,
   * caption 0.6, headline 0.7, standfirst 0.8, subheading 0.5.
   */
  kindWeight: Readonly<Record<BlockKind, number>>;
  /** Shortest term matched fuzzily (one edit per 5 letters). Shorter words and names are too easily confused. Default 6. */
  fuzzyMinLength: number;
  /** MiniSearch fuzziness for long terms: the share of a term's letters that may differ. Default 0.2. */
  fuzziness: number;
  /**
   * Abstain when more than this share of the question's content words never occur in the corpus.
   * Default 0.5: "capital of France" (all unknown) abstains, "what is the goal of the talks"
   * (one of two unknown) does not.
   */
  maxUnknownShare: number;
  /** How text becomes terms: the same for the index and the question. */
  analysis: AnalysisOptions;
}

/** Defaults for {@link SearchOptions}. */
export const DEFAULT_SEARCH: SearchOptions = {
  limit: 5,
  kindWeight: { paragraph: 1, caption: 0.6, headline: 0.7, standfirst: 0.8, subheading: 0.5 },
  fuzzyMinLength: 6,
  fuzziness: 0.2,
  maxUnknownShare: 0.5,
  analysis: DEFAULT_ANALYSIS,
};

/** Citation of one block of an article. */
export function citationOf(article: Article, block: Block): Citation {
  return {
    article: article.meta.title,
    publisher: article.meta.publisher,
    published: article.meta.published,
    paragraph: block.paragraph,
    section: block.section,
    kind: block.kind,
  };
}

/** Every searchable passage of the articles: one a block. */
export function passagesOf(articles: readonly Article[]): Passage[] {
  return articles.flatMap((article) =>
    article.blocks.map((block) => ({
      id: `${article.id}#${block.index}`,
      articleId: article.id,
      blockIndex: block.index,
      text: block.text,
      citation: citationOf(article, block),
    })),
  );
}

/** The corpus's passages, their MiniSearch index, and term statistics for coverage. */
export class SearchIndex {
  readonly options: SearchOptions;
  readonly passages: ReadonlyMap<string, Passage>;
  private readonly miniSearch: MiniSearch<Passage>;
  /** Number of passages each key term occurs in. */
  private readonly documentFrequency = new Map<string, number>();

  constructor(articles: readonly Article[], options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH, ...options };
    const analysis = this.options.analysis;
    const list = passagesOf(articles);
    this.passages = new Map(list.map((p) => [p.id, p]));
    this.miniSearch = new MiniSearch<Passage>({
      fields: ['text'],
      storeFields: [],
      tokenize: (text) => tokenize(text).map((t) => t.raw),
      processTerm: (raw) => {
        const terms = analyze(raw, analysis);
        return terms.length ? terms : null;
      },
    });
    this.miniSearch.addAll(list);
    for (const p of list) {
      for (const term of new Set(keyTermsOf(p.text, analysis))) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    }
  }

  get size(): number {
    return this.passages.size;
  }

  /** Inverse document frequency of a key term; unknown terms weigh most. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** True when the term occurs somewhere in the corpus. */
  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Ranked passages for a question, each with its best sentence. Empty when the corpus does not answer. */
  findPassages(question: string, limit = this.options.limit): Answer {
    const analysis = this.options.analysis;
    const words = tokenize(question)
      .map((token, position) => ({ token, position, term: keyTerm(token, analysis) }))
      .filter((w): w is QuestionWord => w.term !== null);
    const terms = [...new Set(words.map((w) => w.term))];
    if (terms.length === 0) return { question, hits: [], unknownTerms: [] };

    const unknown = words.filter((w) => !this.knows(w.term));
    const distinctiveUnknown = unknown.filter((w) => isDistinctive(w.token, w.position === 0));
    const unknownShare = new Set(unknown.map((w) => w.term)).size / terms.length;
    if (distinctiveUnknown.length > 0 || unknownShare > this.options.maxUnknownShare) {
      return { question, hits: [], unknownTerms: phrases(distinctiveUnknown.length > 0 ? distinctiveUnknown : unknown) };
    }

    const { fuzzyMinLength, fuzziness, kindWeight } = this.options;
    const results = this.miniSearch.search(question, {
      combineWith: 'OR',
      fuzzy: (term) => (term.length >= fuzzyMinLength ? fuzziness : false),
    });
    const hits: PassageHit[] = results
      .map((r: SearchResult) => {
        const passage = this.passages.get(r.id as string)!;
        return {
          passage,
          answer: this.bestSentence(passage.text, terms),
          score: r.score * kindWeight[passage.citation.kind],
        };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    return { question, hits, unknownTerms: [] };
  }

  /** The sentence of `text` that covers the most of the question's terms, weighted by rarity. */
  bestSentence(text: string, questionTerms: readonly string[]): string {
    let best = text;
    let bestScore = -1;
    for (const span of sentenceSpans(text)) {
      const present = new Set(keyTermsOf(span.text, this.options.analysis));
      const score = questionTerms.reduce((sum, t) => sum + (present.has(t) ? this.idf(t) : 0), 0);
      if (score > bestScore) {
        best = span.text;
        bestScore = score;
      }
    }
    return best;
  }
}

function keyTermsOf(text: string, analysis: AnalysisOptions): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const k = keyTerm(t, analysis);
    if (k) out.push(k);
  }
  return out;
}

/** A name, acronym or number: a word whose absence from the corpus means the corpus cannot answer. */
function isDistinctive(token: Token, isFirstWord: boolean): boolean {
  if (token.kind === 'acronym' || token.kind === 'number') return true;
  // The question's first word is capitalised whatever it is.
  return token.kind === 'name' && !isFirstWord;
}

interface QuestionWord {
  token: Token;
  /** Position among all the question's tokens, stop words included. */
  position: number;
  term: string;
}

/** The unknown words as the user wrote them, adjacent ones joined ("Elon Musk"). */
function phrases(words: readonly QuestionWord[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let last = -2;
  for (const w of words) {
    if (w.position !== last + 1 && run.length) {
      out.push(run.join(' '));
      run = [];
    }
    run.push(w.token.raw);
    last = w.position;
  }
  if (run.length) out.push(run.join(' '));
  return [...new Set(out)];
}
