/**
 * Passages, sentences and articles as the re-rank sees them: their index terms, their phrase
 * sequences, the words inside their names. Each view is analysed once, when first needed, and kept
 * (up to a bound) for later questions.
 */
import {
  analyze,
  nameParts,
  tokenize,
  type AnalysisOptions,
  type NameParts,
  type Token,
} from '../text/analysis.ts';
import { sentenceSpans } from '../text/sentences.ts';
import type { Passage } from '../types.ts';
import { phraseSequence } from './question.ts';

/** A text as coverage sees it: its index terms, and its phrase sequence. */
export interface TextView {
  terms: ReadonlySet<string>;
  phrases: string;
  /** Words standing only inside names of several words, if looked for. */
  names?: NameParts;
}

/** A sentence as the answer picker sees it. */
interface SentenceView extends TextView {
  text: string;
  tokens: Token[];
  /** Index terms in order, for proximity. */
  sequence: string[];
}

/** How many passages' sentence analyses are kept between questions. */
const SENTENCE_CACHE_LIMIT = 20_000;

/** How many articles' term sets are kept between questions (a bound on memory at 10,000 articles). */
const ARTICLE_VIEW_LIMIT = 10_000;

/** Every index term of a text in order: a key term a token, plus a name's exact form. */
export function indexTermsOf(text: string, analysis: AnalysisOptions): string[] {
  return analyze(text, analysis);
}

/** A map that computes a missing value on first `get` and keeps it. */
export class LazyMap<K, V> extends Map<K, V> {
  readonly #compute: (key: K) => V;
  constructor(compute: (key: K) => V) {
    super();
    this.#compute = compute;
  }
  override get(key: K): V {
    let value = super.get(key);
    if (value === undefined) {
      value = this.#compute(key);
      super.set(key, value);
    }
    return value;
  }
  /** The value if it was computed already, without computing it. */
  peek(key: K): V | undefined {
    return super.get(key);
  }
}

/** The views of one corpus's passages, sentences and articles. */
export class TextViews {
  /** Key terms of each passage, in order (for coverage and proximity); computed when first needed. */
  readonly passageTerms: LazyMap<string, string[]>;
  readonly #passages: ReadonlyMap<string, Passage>;
  readonly #analysis: AnalysisOptions;
  /** Each passage as a phrase sequence (see `phraseSequence`), for synonyms that are phrases. */
  readonly #passagePhrases: LazyMap<string, string>;
  /** The words inside each passage's names of several words (see `nameParts`). */
  readonly #passageNames: LazyMap<string, NameParts>;
  /** Passage ids of each article, in order. */
  readonly #articlePassages = new Map<string, string[]>();
  /** Article views, built when first needed. */
  readonly #articleViews = new Map<string, TextView>();
  /** Sentence analyses by passage text. */
  readonly #sentences = new Map<string, SentenceView[]>();

  constructor(passages: readonly Passage[], byId: ReadonlyMap<string, Passage>, analysis: AnalysisOptions) {
    this.#passages = byId;
    this.#analysis = analysis;
    this.passageTerms = new LazyMap((id) => indexTermsOf(byId.get(id)!.text, analysis));
    this.#passagePhrases = new LazyMap((id) => phraseSequence(byId.get(id)!.text, analysis));
    this.#passageNames = new LazyMap((id) => nameParts(byId.get(id)!.text, analysis));
    for (const p of passages) {
      if (!this.#articlePassages.has(p.articleId)) this.#articlePassages.set(p.articleId, []);
      this.#articlePassages.get(p.articleId)!.push(p.id);
    }
  }

  /** A passage as coverage sees it: its terms, its phrase sequence, the words inside its names. */
  passage(id: string): TextView {
    return {
      terms: new Set(this.passageTerms.get(id)),
      phrases: this.#passagePhrases.get(id),
      names: this.#passageNames.get(id),
    };
  }

  /** All the terms of one article's passages. */
  article(articleId: string): TextView {
    const cached = this.#articleViews.get(articleId);
    if (cached) return cached;
    const view = this.#buildArticleView(articleId);
    if (this.#articleViews.size >= ARTICLE_VIEW_LIMIT) this.#articleViews.clear();
    this.#articleViews.set(articleId, view);
    return view;
  }

  /**
   * An article's terms, for article fit and implicit names. Terms only: phrase synonyms decide
   * passages, not articles. Its passages' own analyses are not kept, so that looking at an article
   * does not fill the per-passage caches.
   */
  #buildArticleView(articleId: string): TextView {
    const terms = new Set<string>();
    for (const id of this.#articlePassages.get(articleId) ?? []) {
      for (const t of this.passageTerms.peek(id) ??
        indexTermsOf(this.#passages.get(id)!.text, this.#analysis)) {
        terms.add(t);
      }
    }
    return { terms, phrases: '' };
  }

  /** A passage's sentences, analysed once and kept (up to a bound) for later questions. */
  sentences(text: string): SentenceView[] {
    let sentences = this.#sentences.get(text);
    if (!sentences) {
      sentences = sentenceSpans(text).map((span) => {
        const sequence = indexTermsOf(span.text, this.#analysis);
        return {
          text: span.text,
          tokens: tokenize(span.text),
          sequence,
          terms: new Set(sequence),
          phrases: phraseSequence(span.text, this.#analysis),
          names: nameParts(span.text, this.#analysis),
        };
      });
      if (this.#sentences.size >= SENTENCE_CACHE_LIMIT) this.#sentences.clear();
      this.#sentences.set(text, sentences);
    }
    return sentences;
  }
}
