/**
 * The passage index and question answering: which passages of the corpus answer a question,
 * which sentence of each answers it, and when the corpus does not answer at all.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import {
  DEFAULT_ANALYSIS,
  analyze,
  keyTerm,
  nameParts,
  type NameParts,
  tokenize,
  type AnalysisOptions,
  type Token,
} from '../text/analysis.ts';
import { NO_ALIASES, buildAliases, type Aliases } from './aliases.ts';
import {
  analyzeQuestion,
  phraseSequence,
  type Concept,
  type QuestionAnalysis,
  type QuestionShape,
} from './question.ts';
import { sentenceSpans } from '../text/sentences.ts';
import type { Answer, Article, Block, BlockKind, Citation, Passage } from '../types.ts';

export interface SearchOptions {
  /** How many passages an answer holds at most. Default 5: what the CLI contract allows. */
  limit: number;
  /**
   * Score multiplier by block kind. Body paragraphs carry the reporting; captions and headings repeat
   * it in fewer words and would otherwise win on length normalisation alone. Default paragraph 1,
   * caption 0.6, headline 0.55, standfirst 0.7, subheading 0.5.
   */
  kindWeight: Readonly<Record<BlockKind, number>>;
  /** Shortest word matched fuzzily. Shorter words, names and numbers are too easily confused. Default 6. */
  fuzzyMinLength: number;
  /** MiniSearch fuzziness for long words: the share of a word's letters that may differ. Default 0.2. */
  fuzziness: number;
  /**
   * Abstain when more than this share of the question's content words never occur in the corpus.
   * Default 0.5: "capital of Peru" (all unknown) abstains, "what is the goal of the talks"
   * (one of two unknown) does not.
   */
  maxUnknownShare: number;
  /**
   * Abstain when the best passage covers less than this share of the question (each concept weighted
   * by rarity). Scores have no fixed scale; coverage does. Default 0.35.
   */
  minCoverage: number;
  /**
   * Weight, against an average known word, of a question word the corpus never uses, in the coverage
   * that decides abstention. Default 0.5: "how much would the plan cost" covers less when the corpus
   * never says "cost", without letting one paraphrased word silence an answer.
   */
  unknownWordWeight: number;
  /** Weight of a curated synonym against the user's own word. Default 0.5. */
  synonymWeight: number;
  /**
   * Weight of the corpus word closest in spelling to a long question word the corpus never uses
   * ("firefigters" → "firefighters"). Default 0.8.
   */
  spellingWeight: number;
  /**
   * Weight of the corpus terms an unfinished last word begins ("who is boeh" → "boehler"): the
   * question's last word, with no punctuation after it, that the corpus never uses. Default 0.8.
   */
  prefixWeight: number;
  /** Shortest unfinished word completed. Default 3. */
  prefixMinLength: number;
  /** Weight of a corpus-built alias (role ↔ name, acronym, demonym). Default 0.6. */
  aliasWeight: number;
  /** Weight of a word that frames the question ("what happened to…"). Default 0.3. */
  frameWeight: number;
  /**
   * How the final score mixes BM25 (normalised to the best candidate), the passage's coverage of the
   * question, and its best sentence's coverage plus shape and proximity bonuses.
   */
  mix: { bm25: number; coverage: number; sentence: number };
  /**
   * Which BM25 the mix uses. 'concepts' (default): each question concept scored as one term, its
   * synonyms and aliases counted as occurrences at their weight, with the rarity of the user's word
   * (as Lucene's SynonymQuery does), so a rare synonym never outweighs the word itself, and a word
   * inside a longer name counts `namePartWeight`. 'terms': MiniSearch's BM25 over every term.
   */
  bm25: 'concepts' | 'terms';
  /** Bonus of a sentence holding what the question's shape asks for (a name for "who"). Default 0.25. */
  shapeBonus: number;
  /** Bonus of a sentence holding adjacent question words close together. Default 0.2. */
  proximityBonus: number;
  /**
   * How much a passage's article, taken whole, must cover the question: the score is multiplied by
   * 1 − w + w × article coverage. A question about one story should be answered from that story.
   * Default 0.5.
   */
  articleWeight: number;
  /** How much a name of the question counts when the passage's article gives it but the passage does not. Default 0.6. */
  implicitNameWeight: number;
  /**
   * How much a lower-case word of the question counts when the passage has it only inside a proper
   * name of several words ("news" in "Sky News", "time" in "The Irish Times"), unless the
   * question names that name too ("white house"). Default 0.5.
   */
  namePartWeight: number;
  /**
   * Weight of a name, number or acronym of the question against an ordinary word of the same rarity.
   * The story's subject recurs through its article, so its rarity understates it. Default 2.
   */
  distinctiveWeight: number;
  /** How many BM25 candidates are re-ranked. Default 40. */
  candidates: number;
  /** How text becomes terms: the same for the index and the question. */
  analysis: AnalysisOptions;
}

/** Defaults for {@link SearchOptions}. */
export const DEFAULT_SEARCH: SearchOptions = {
  limit: 5,
  kindWeight: { paragraph: 1, caption: 0.6, headline: 0.55, standfirst: 0.7, subheading: 0.5 },
  fuzzyMinLength: 6,
  fuzziness: 0.2,
  maxUnknownShare: 0.5,
  minCoverage: 0.35,
  unknownWordWeight: 0.5,
  synonymWeight: 0.5,
  spellingWeight: 0.8,
  prefixWeight: 0.8,
  prefixMinLength: 3,
  aliasWeight: 0.6,
  frameWeight: 0.3,
  mix: { bm25: 0.35, coverage: 0.4, sentence: 0.25 },
  bm25: 'concepts',
  shapeBonus: 0.25,
  proximityBonus: 0.2,
  articleWeight: 0.5,
  implicitNameWeight: 0.6,
  namePartWeight: 0.5,
  distinctiveWeight: 2,
  candidates: 40,
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

/** The corpus's passages, their MiniSearch index, term statistics and aliases. */
export class SearchIndex {
  readonly options: SearchOptions;
  readonly passages: ReadonlyMap<string, Passage>;
  readonly aliases: Aliases;
  private readonly miniSearch: MiniSearch<Passage>;
  /** Number of passages each key term occurs in. */
  private readonly documentFrequency: Map<string, number>;
  /** Key terms of each passage, in order (for coverage and proximity); computed when first needed. */
  private readonly passageTerms: LazyMap<string, string[]>;
  /** Sentence analyses by passage text (see `sentencesOf`). */
  private readonly sentenceCache = new Map<string, SentenceView[]>();
  /** Article views, built when first needed. */
  private readonly articleViews = new Map<string, TextView>();
  /** Passage ids of each article, in order. */
  private readonly articlePassages = new Map<string, string[]>();
  /** Each passage as a phrase sequence (see `phraseSequence`), for synonyms that are phrases; computed when first needed. */
  private readonly passagePhrases: Map<string, string>;
  /** The words inside each passage's names of several words (see `nameParts`); computed when first needed. */
  private readonly passageNames: Map<string, NameParts>;

  /**
   * Indexes `articles`, or adopts `parts` already built for exactly these articles (restored from the
   * disk cache, or built asynchronously by {@link buildIndexParts}).
   */
  constructor(articles: readonly Article[], options: Partial<SearchOptions> = {}, parts?: IndexParts) {
    this.options = { ...DEFAULT_SEARCH, ...options };
    const analysis = this.options.analysis;
    const list = passagesOf(articles);
    this.passages = new Map(list.map((p) => [p.id, p]));
    this.passageTerms = new LazyMap((id) => indexTermsOf(this.passages.get(id)!.text, analysis));
    this.passagePhrases = new LazyMap((id) => phraseSequence(this.passages.get(id)!.text, analysis));
    this.passageNames = new LazyMap((id) => nameParts(this.passages.get(id)!.text, analysis));
    for (const p of list) {
      if (!this.articlePassages.has(p.articleId)) this.articlePassages.set(p.articleId, []);
      this.articlePassages.get(p.articleId)!.push(p.id);
    }
    const built = parts ?? buildIndexPartsSync(articles, list, analysis, this.passageTerms);
    this.miniSearch = built.miniSearch;
    this.documentFrequency = built.documentFrequency;
    this.aliases = built.aliases;
  }

  /** The parts to save in the disk cache (see {@link restoreIndexParts}). */
  snapshot(): IndexSnapshot {
    const { index, ...miniSearch } = this.miniSearch.toJSON();
    return {
      miniSearch: { ...miniSearch, index: [] },
      postings: index.map(([term, fields]) => [
        term,
        Object.entries(fields).map(([fieldId, docs]) => [
          Number(fieldId),
          Object.keys(docs).map(Number),
          Object.values(docs),
        ]),
      ]),
      documentFrequency: [...this.documentFrequency],
    };
  }

  get size(): number {
    return this.passages.size;
  }

  /** Inverse document frequency of a term (BM25's form); unknown terms weigh most. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** True when the term occurs somewhere in the corpus, or a long word is one typo from one that does. */
  knows(term: string, fuzzy = false): boolean {
    if (this.documentFrequency.has(term)) return true;
    if (!fuzzy || term.length < this.options.fuzzyMinLength) return false;
    return this.miniSearch.search(term, { ...RAW_QUERY, fuzzy: this.options.fuzziness }).length > 0;
  }

  /**
   * Ranked passages for a question, each with its best sentence. Empty when the corpus does not answer.
   * `scope.articleId` restricts the answer to one article's passages.
   */
  findPassages(question: string, limit = this.options.limit, scope: PassageScope = {}): Answer {
    const o = this.options;
    const q = analyzeQuestion(question, o.analysis, this.aliases, o);
    if (q.concepts.length === 0) return { question, hits: [], unknownTerms: [] };

    for (const c of q.concepts) if (!this.conceptKnown(c)) this.addPlaceForDemonym(c);
    // The last word of a question sent unfinished ("who is boeh") is completed from the corpus.
    const last = q.concepts.at(-1);
    const unfinished = /[\p{L}\p{N}]$/u.test(question) && last?.position === tokenize(question).length - 1;
    for (const c of q.concepts) {
      if (!(unfinished && c === last && this.addCompletion(c))) this.addSpellingCorrection(c);
    }
    const unknown = q.concepts.filter((c) => !this.conceptKnown(c));
    const distinctiveUnknown = unknown.filter((c) => c.distinctive);
    if (distinctiveUnknown.length > 0 || unknown.length / q.concepts.length > o.maxUnknownShare) {
      return {
        question,
        hits: [],
        unknownTerms: phrases(distinctiveUnknown.length > 0 ? distinctiveUnknown : unknown),
      };
    }
    // A word the corpus never uses cannot tell passages apart: rank on the others, but let it
    // lower the coverage that decides whether the corpus answers at all.
    const known: QuestionAnalysis = { ...q, concepts: q.concepts.filter((c) => !unknown.includes(c)) };

    // BM25 over every alternative term, weighted: the user's words count most.
    const weights = new Map<string, number>();
    const fuzzy = new Set<string>();
    for (const c of known.concepts) {
      for (const a of c.alternatives) {
        for (const t of a.terms)
          weights.set(t, Math.max(weights.get(t) ?? 0, a.weight * (c.frame ? o.frameWeight : 1)));
      }
      const own = c.alternatives[0]!.terms[0]!;
      if (c.token.kind === 'word' && own.length >= o.fuzzyMinLength) fuzzy.add(own);
    }
    const results = topResults(
      this.miniSearch,
      [...weights.keys()],
      {
        boostTerm: (term) => weights.get(term) ?? 1,
        fuzzy: (term) => (fuzzy.has(term) ? o.fuzziness : false),
        ...this.scopeFilter(scope),
      },
      o.candidates,
    );
    if (results.length === 0) return { question, hits: [], unknownTerms: [] };

    // A word typed in lower case that the best candidates only ever write capitalised is a name
    // ("who runs vandermolen"), and weighs as one; not a word of the news vocabulary ("news" in "Sky News").
    const candidateTexts = results
      .slice(0, NAME_CHECK_CANDIDATES)
      .map((r) => this.passages.get(r.id as string)!.text);
    for (const c of known.concepts) {
      if (
        !c.distinctive &&
        !c.common &&
        c.token.kind === 'word' &&
        writtenOnlyCapitalised(c.token.raw, candidateTexts)
      ) {
        c.distinctive = true;
      }
    }
    const knownWeights = known.concepts.map((c) => this.conceptWeight(c));
    const unknownWeight =
      (unknown.length * o.unknownWordWeight * knownWeights.reduce((a, b) => a + b, 0)) /
      Math.max(1, knownWeights.length);

    const views = new Map(results.map((r) => [r.id, this.passageView(r.id)]));
    const bm25 =
      o.bm25 === 'terms'
        ? new Map(results.map((r) => [r.id, r.score]))
        : new Map(results.map((r) => [r.id, this.conceptBm25(known, r.id, views.get(r.id)!, r.lengthNorm)]));
    const maxBm25 = Math.max(...bm25.values()) || 1;
    const articleFit = new Map<string, number>();
    const fitOf = (articleId: string) => {
      let fit = articleFit.get(articleId);
      if (fit === undefined) {
        fit = 1 - o.articleWeight + o.articleWeight * this.coverage(known, this.articleView(articleId));
        articleFit.set(articleId, fit);
      }
      return fit;
    };
    const ranked = results
      .slice(0, o.candidates)
      .map((r) => {
        const passage = this.passages.get(r.id as string)!;
        const coverage = this.coverage(known, views.get(passage.id)!, this.articleView(passage.articleId));
        const best = this.bestSentence(passage.text, known);
        const score =
          o.kindWeight[passage.citation.kind] *
          fitOf(passage.articleId) *
          (o.mix.bm25 * (bm25.get(r.id)! / maxBm25) +
            o.mix.coverage * coverage +
            o.mix.sentence * best.score);
        // Coverage for abstaining counts the words the corpus lacks too.
        const answers = coverage * (1 - unknownWeight / (unknownWeight + this.totalWeight(known)));
        return {
          hit: { passage, answer: best.text, score },
          answers,
          shaped: answersShape(known, tokenize(passage.text)),
        };
      })
      // "How many", "when" and "who" questions are answered by a number, a date, a name: a passage without one does not answer.
      .filter((r) => !GATED_SHAPES.has(q.shape) || r.shaped)
      .sort((a, b) => b.hit.score - a.hit.score);
    if (ranked.length === 0 || ranked[0]!.answers < o.minCoverage) {
      return { question, hits: [], unknownTerms: [] };
    }
    return { question, hits: ranked.slice(0, limit).map((r) => r.hit), unknownTerms: [] };
  }

  /** A passage as coverage sees it: its terms, its phrase sequence, the words inside its names. */
  private passageView(id: string): TextView {
    return {
      terms: new Set(this.passageTerms.get(id)),
      phrases: this.passagePhrases.get(id)!,
      names: this.passageNames.get(id)!,
    };
  }

  /** A MiniSearch `filter` keeping the scope's passages; none for the whole corpus. */
  private scopeFilter(scope: PassageScope): { filter?: (id: string) => boolean } {
    const { articleId } = scope;
    if (articleId === undefined) return {};
    return { filter: (id) => this.passages.get(id)?.articleId === articleId };
  }

  /** All the terms and phrases of one article's passages. */
  private articleView(articleId: string): TextView {
    const cached = this.articleViews.get(articleId);
    if (cached) return cached;
    const view = this.buildArticleView(articleId);
    if (this.articleViews.size >= ARTICLE_VIEW_LIMIT) this.articleViews.clear();
    this.articleViews.set(articleId, view);
    return view;
  }

  /**
   * An article's terms, for article fit and implicit names. Terms only: phrase synonyms decide
   * passages, not articles. Its passages' own analyses are not kept, so that looking at an article
   * does not fill the per-passage caches.
   */
  private buildArticleView(articleId: string): TextView {
    const terms = new Set<string>();
    for (const id of this.articlePassages.get(articleId) ?? []) {
      for (const t of this.passageTerms.peek(id) ??
        indexTermsOf(this.passages.get(id)!.text, this.options.analysis)) {
        terms.add(t);
      }
    }
    return { terms, phrases: '' };
  }

  private totalWeight(q: QuestionAnalysis): number {
    return q.concepts.reduce((sum, c) => sum + this.conceptWeight(c), 0);
  }

  /** Share of the question a set of terms covers: each concept weighted by rarity, frames by frameWeight. */
  coverage(q: QuestionAnalysis, text: TextView, article?: TextView): number {
    let total = 0;
    let found = 0;
    for (const c of q.concepts) {
      const weight = this.conceptWeight(c);
      total += weight;
      // A name the passage's article gives counts, less, for a passage that leaves it implicit
      // ("the company" in a story about Halvard).
      const implicit = article && c.distinctive ? this.options.implicitNameWeight * presence(c, article) : 0;
      found += weight * Math.max(this.presenceBeyondNames(c, q, text), implicit);
    }
    return total > 0 ? found / total : 0;
  }

  /**
   * A concept's presence, where a lower-case question word the text has only inside a longer name
   * counts `namePartWeight`, unless a neighbouring word of the question is the name's next word too.
   */
  private presenceBeyondNames(c: Concept, q: QuestionAnalysis, text: TextView): number {
    if (!this.onlyInNames(c, q, text)) return presence(c, text);
    const others = presence({ ...c, alternatives: c.alternatives.slice(1) }, text);
    return Math.max(others, this.options.namePartWeight);
  }

  /** Whether the text has the concept's own word only inside a longer name the question does not name. */
  private onlyInNames(c: Concept, q: QuestionAnalysis, text: TextView): boolean {
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
   * the concept occurs where any of its alternatives does, counted at the alternative's weight
   * (a word the passage has only inside a longer name at `namePartWeight`; when the corpus never
   * uses the user's word, its stand-ins in full), and it is as rare as the user's word. Summed, then
   * multiplied by the number of concepts found, as MiniSearch does for terms.
   */
  private conceptBm25(q: QuestionAnalysis, passageId: string, view: TextView, lengthNorm: number): number {
    const terms = this.passageTerms.get(passageId);
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    let sum = 0;
    let found = 0;
    for (const c of q.concepts) {
      const ownKnown = this.knows(c.alternatives[0]!.terms[0]!);
      let tf = 0;
      c.alternatives.forEach((a, i) => {
        const n = a.phrase
          ? occurrences(view.phrases, ` ${a.phrase} `)
          : Math.min(...a.terms.map((t) => counts.get(t) ?? 0));
        if (n === 0) return;
        const weight =
          i === 0 && this.onlyInNames(c, q, view) ? this.options.namePartWeight : ownKnown ? a.weight : 1;
        tf = Math.max(tf, weight * n);
      });
      if (tf === 0) continue;
      const idf = this.conceptRarity(c) * (c.frame ? this.options.frameWeight : 1);
      sum += idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + lengthNorm));
      found += 1;
    }
    return sum * found;
  }

  /** Whether some alternative of the concept occurs in the corpus (the user's own long words also one typo off). */
  private conceptKnown(c: Concept): boolean {
    return c.alternatives.some((a) =>
      a.terms.every((t) => this.knows(t, c.token.kind === 'word' && a.weight === 1)),
    );
  }

  /** "Kenyan" in a question finds "Kenya" in the corpus: a demonym's place, as a corpus alias. */
  private addPlaceForDemonym(c: Concept): void {
    if (c.token.kind !== 'name') return;
    const norm = c.token.norm.replace(/s$/, '');
    for (const suffix of ['ian', 'ese', 'ish', 'an', 'i', 'n']) {
      if (!norm.endsWith(suffix) || norm.length - suffix.length < 3) continue;
      const base = norm.slice(0, -suffix.length);
      for (const place of [base, `${base}a`, `${base}e`, `${base}o`]) {
        const term = keyTerm({ raw: place, norm: place, kind: 'name' }, this.options.analysis);
        if (term && this.knows(term)) {
          c.alternatives.push({ terms: [term], weight: this.options.aliasWeight });
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
  private addCompletion(c: Concept): boolean {
    const o = this.options;
    const typed = c.token.norm;
    if (c.token.kind === 'number' || typed.length < o.prefixMinLength) return false;
    if (c.alternatives.some((a) => a.terms.every((t) => this.documentFrequency.has(t)))) return false;
    const ms = this.miniSearch as unknown as MiniSearchState;
    for (let cut = 0; cut <= 2 && typed.length - cut >= o.prefixMinLength; cut++) {
      const found = [...ms._index.atPrefix(typed.slice(0, typed.length - cut)).keys()]
        .filter((t) => this.documentFrequency.has(t))
        .sort((a, b) => this.documentFrequency.get(b)! - this.documentFrequency.get(a)!)
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
  private addSpellingCorrection(c: Concept): void {
    const own = c.alternatives[0]!.terms[0]!;
    const o = this.options;
    if (c.token.kind !== 'word' || own.length < o.fuzzyMinLength || this.documentFrequency.has(own)) return;
    const distance = Math.round(own.length * o.fuzziness);
    const ms = this.miniSearch as unknown as MiniSearchState;
    let best = Infinity;
    let closest: string[] = [];
    for (const [term, [, d]] of ms._index.fuzzyGet(own, distance)) {
      if (d === 0 || !this.documentFrequency.has(term)) continue;
      if (d < best) [best, closest] = [d, [term]];
      else if (d === best) closest.push(term);
    }
    for (const term of closest) c.alternatives.push({ terms: [term], weight: o.spellingWeight });
  }

  /** A concept's weight: its rarity, emphasised for names and lowered for words that frame the question. */
  private conceptWeight(c: Concept): number {
    const emphasis = c.frame ? this.options.frameWeight : c.distinctive ? this.options.distinctiveWeight : 1;
    return this.conceptRarity(c) * emphasis;
  }

  /** The idf of the user's word, or of the rarest known stand-in when the corpus lacks the word. */
  private conceptRarity(c: Concept): number {
    const own = c.alternatives[0]!.terms[0]!;
    const known = this.knows(own)
      ? [own]
      : c.alternatives.flatMap((a) => a.terms).filter((t) => this.knows(t));
    const idf = Math.max(0, ...known.map((t) => this.idf(t)));
    return idf || this.idf(own);
  }

  /**
   * The sentence of `text` that best answers the question: the most coverage, plus bonuses for
   * holding what the question's shape asks for and for question words standing close together.
   * Its score is on the coverage scale (0 to 1 plus bonuses).
   */
  bestSentence(text: string, q: QuestionAnalysis): { text: string; score: number } {
    const o = this.options;
    let best = { text, score: -1 };
    for (const sentence of this.sentencesOf(text)) {
      let score = this.coverage(q, sentence);
      if (score > 0 && answersShape(q, sentence.tokens)) score += o.shapeBonus;
      score += o.proximityBonus * proximity(q, sentence.sequence);
      if (score > best.score) best = { text: sentence.text, score };
    }
    return best;
  }

  /** A passage's sentences, analysed once and kept (up to a bound) for later questions. */
  private sentencesOf(text: string): SentenceView[] {
    let sentences = this.sentenceCache.get(text);
    if (!sentences) {
      sentences = sentenceSpans(text).map((span) => {
        const sequence = indexTermsOf(span.text, this.options.analysis);
        return {
          text: span.text,
          tokens: tokenize(span.text),
          sequence,
          terms: new Set(sequence),
          phrases: phraseSequence(span.text, this.options.analysis),
          names: nameParts(span.text, this.options.analysis),
        };
      });
      if (this.sentenceCache.size >= SENTENCE_CACHE_LIMIT) this.sentenceCache.clear();
      this.sentenceCache.set(text, sentences);
    }
    return sentences;
  }
}

/** How many corpus terms an unfinished last word may stand for. */
const PREFIX_COMPLETIONS = 3;

/** How many passages' sentence analyses are kept between questions. */
const SENTENCE_CACHE_LIMIT = 20_000;

/** A sentence as the answer picker sees it. */
interface SentenceView extends TextView {
  text: string;
  tokens: Token[];
  /** Index terms in order, for proximity. */
  sequence: string[];
}

/** How many articles' term sets are kept between questions (a bound on memory at 10,000 articles). */
const ARTICLE_VIEW_LIMIT = 10_000;

/** How many of the best BM25 candidates show whether a lower-case word is written as a name. */
const NAME_CHECK_CANDIDATES = 10;

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

/** Query options for a query that is already a list of index terms. */
const RAW_QUERY = {
  combineWith: 'OR',
  tokenize: (text: string) => text.split(' '),
  processTerm: (term: string) => term,
} as const;

/** Every index term of a text in order: a key term a token, plus a name's exact form. */
function indexTermsOf(text: string, analysis: AnalysisOptions): string[] {
  return analyze(text, analysis);
}

/** A text as coverage sees it: its index terms, and its phrase sequence. */
interface TextView {
  terms: ReadonlySet<string>;
  phrases: string;
  /** Words standing only inside names of several words, if looked for. */
  names?: NameParts;
}

/** How many times `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++;
  return n;
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

/** Shapes whose answer must hold what they ask for: a name, a number, a date. */
const GATED_SHAPES: ReadonlySet<QuestionShape> = new Set(['person', 'number', 'date', 'place']);

const MONTH_OR_DAY =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|tomorrow|weekend|week|month|year|ago|since|morning|evening|night)$/;
const NUMBER_WORDS =
  /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|several)$/;
const REASON =
  /\b(because|due to|as a result|in order to|so that|lack of|amid|after|since|over concerns|citing|aimed at)\b/i;
const PLACE_NOUNS =
  /^(city|town|village|capital|border|borders|zone|region|province|state|country|camp|strip|street|square|district|area|neighborhood|neighbourhood|coast|island|port|base|headquarters|site)$/;
const PLACE_PREPOSITIONS = /^(in|at|from|near|inside|outside|into|across|along|to)$/i;

/** Whether the token at `i` follows "in", "at", "to"…, directly or after "the" ("taken to the County Fairgrounds"). */
function afterPlacePreposition(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before) return false;
  if (PLACE_PREPOSITIONS.test(before.raw)) return true;
  return before.norm === 'the' && i > 1 && PLACE_PREPOSITIONS.test(tokens[i - 2]!.raw);
}

/** Whether a sentence holds the kind of thing the question's shape asks for, beyond the question's own words. */
function answersShape(q: QuestionAnalysis, tokens: readonly Token[]): boolean {
  const asked = askedTerms(q);
  const isNew = (t: Token) => !asked.has(t.norm) && !asked.has(stemOf(t));
  switch (q.shape) {
    case 'person':
      return tokens.some((t, i) => i > 0 && (t.kind === 'name' || t.kind === 'acronym') && isNew(t));
    case 'date':
      return tokens.some(
        (t) => (t.kind === 'number' && /^(1[89]|20)\d\d$/.test(t.norm)) || MONTH_OR_DAY.test(t.norm),
      );
    case 'place':
      return tokens.some(
        (t, i) =>
          (t.kind === 'name' && isNew(t) && afterPlacePreposition(tokens, i)) ||
          (PLACE_NOUNS.test(t.norm) && isNew(t)),
      );
    case 'number':
      return tokens.some((t) => (t.kind === 'number' || NUMBER_WORDS.test(t.norm)) && isNew(t));
    case 'reason':
      return REASON.test(tokens.map((t) => t.raw).join(' '));
    case 'other':
      return false;
  }
}

/** Every term of a question's concepts and their alternatives, made once per question (answersShape asks per sentence). */
function askedTerms(q: QuestionAnalysis): ReadonlySet<string> {
  let asked = askedByQuestion.get(q);
  if (!asked) {
    asked = new Set(q.concepts.flatMap((c) => c.alternatives.flatMap((a) => a.terms)));
    askedByQuestion.set(q, asked);
  }
  return asked;
}

const askedByQuestion = new WeakMap<QuestionAnalysis, ReadonlySet<string>>();

function stemOf(t: Token): string {
  return keyTerm(t, DEFAULT_ANALYSIS) ?? t.norm;
}

/** The unknown words as the user wrote them, adjacent ones joined ("Elon Musk"). */
function phrases(concepts: readonly Concept[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let last = -2;
  for (const c of concepts) {
    if (c.position !== last + 1 && run.length) {
      out.push(run.join(' '));
      run = [];
    }
    run.push(c.token.raw);
    last = c.position;
  }
  if (run.length) out.push(run.join(' '));
  return [...new Set(out)];
}

// ---- Construction and serialisation: how an index is built, restored and updated ----

/** Which passages a question may be answered from. Default: the whole corpus. */
export interface PassageScope {
  /** Only this article's passages. */
  articleId?: string;
}

/** What a {@link SearchIndex} is made of besides its articles' passages. */
export interface IndexParts {
  miniSearch: MiniSearch<Passage>;
  /** Number of passages each key term occurs in. */
  documentFrequency: Map<string, number>;
  aliases: Aliases;
}

/** The serialisable part of an index (aliases are rebuilt from per-article parts, see aliases.ts). */
export interface IndexSnapshot {
  /** MiniSearch's own serialisation, without its postings (`index` is empty). */
  miniSearch: AsPlainObject;
  /**
   * The postings as `[term, [[fieldId, short document ids, term frequencies]]]`. Arrays of numbers
   * parse and load several times faster than MiniSearch's objects keyed by document id.
   */
  postings: [string, [number, number[], number[]][]][];
  documentFrequency: [string, number][];
}

/** A MiniSearch from a snapshot: its own loader for everything but the postings, which are set directly. */
function loadMiniSearch(snapshot: IndexSnapshot, options: Options<Passage>): MiniSearch<Passage> {
  const miniSearch = MiniSearch.loadJS<Passage>(snapshot.miniSearch, options);
  // MiniSearch keeps postings in `_index`, a SearchableMap of term → field id → document → frequency
  // (what its loadJS builds from `index`); there is no public way to hand them over pre-built.
  const index = (miniSearch as unknown as { _index: Map<string, Map<number, Map<number, number>>> })._index;
  for (const [term, fields] of snapshot.postings) {
    const data = new Map<number, Map<number, number>>();
    for (const [fieldId, ids, frequencies] of fields) {
      const docs = new Map<number, number>();
      for (let i = 0; i < ids.length; i++) docs.set(ids[i]!, frequencies[i]!);
      data.set(fieldId, docs);
    }
    index.set(term, data);
  }
  return miniSearch;
}

/** A map that computes a missing value on first `get` and keeps it. */
class LazyMap<K, V> extends Map<K, V> {
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

/**
 * MiniSearch's options for the passage index: the same when building and when loading a snapshot.
 * `processTerm` is pure and sees each distinct word form many times, so its results are memoised.
 */
function miniSearchOptions(analysis: AnalysisOptions): Options<Passage> {
  const processed = new Map<string, string[] | null>();
  return {
    fields: ['text'],
    storeFields: [],
    tokenize: (text) => tokenize(text).map((t) => t.raw),
    processTerm: (raw) => {
      let terms = processed.get(raw);
      if (terms === undefined) {
        const analysed = analyze(raw, analysis);
        terms = analysed.length ? analysed : null;
        if (processed.size >= PROCESS_TERM_MEMO_LIMIT) processed.clear();
        processed.set(raw, terms);
      }
      return terms;
    },
  };
}

/** How many distinct word forms `processTerm` remembers. */
const PROCESS_TERM_MEMO_LIMIT = 200_000;

/** Adds passages to the parts: to MiniSearch, and their terms to the document frequencies. */
function addPassages(parts: IndexParts, passages: readonly Passage[], terms: Map<string, string[]>): void {
  for (const p of passages) {
    parts.miniSearch.add(p);
    for (const term of new Set(terms.get(p.id)!)) {
      parts.documentFrequency.set(term, (parts.documentFrequency.get(term) ?? 0) + 1);
    }
  }
}

function buildIndexPartsSync(
  articles: readonly Article[],
  passages: readonly Passage[],
  analysis: AnalysisOptions,
  terms: Map<string, string[]>,
): IndexParts {
  const parts: IndexParts = {
    miniSearch: new MiniSearch<Passage>(miniSearchOptions(analysis)),
    documentFrequency: new Map(),
    aliases: NO_ALIASES,
  };
  addPassages(parts, passages, terms);
  parts.aliases = buildAliases(articles, analysis);
  return parts;
}

/** Passages indexed between two yields to the event loop by {@link buildIndexParts}. */
const PASSAGES_PER_SLICE = 500;

/**
 * Builds an index's parts without holding the event loop for long: passages are indexed in slices,
 * yielding between them, so a bot keeps answering while a new index is built beside the live one.
 */
export async function buildIndexParts(
  articles: readonly Article[],
  options: Partial<SearchOptions>,
  aliases: Aliases,
): Promise<IndexParts> {
  const analysis = { ...DEFAULT_SEARCH, ...options }.analysis;
  const passages = passagesOf(articles);
  const parts: IndexParts = {
    miniSearch: new MiniSearch<Passage>(miniSearchOptions(analysis)),
    documentFrequency: new Map(),
    aliases,
  };
  const terms = new LazyMap<string, string[]>((id) => indexTermsOf(byId.get(id)!.text, analysis));
  const byId = new Map(passages.map((p) => [p.id, p]));
  for (let i = 0; i < passages.length; i += PASSAGES_PER_SLICE) {
    addPassages(parts, passages.slice(i, i + PASSAGES_PER_SLICE), terms);
    terms.clear();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return parts;
}

/**
 * Parts restored from a snapshot of an index over `previous` articles, then brought up to date with
 * `current`: the passages of articles that are gone or changed are discarded from MiniSearch and
 * those of new or changed articles added, their terms counted in or out of the document frequencies.
 * Articles are compared by identity: an unchanged article is the same object in both lists.
 */
export function restoreIndexParts(
  snapshot: IndexSnapshot,
  previous: readonly Article[],
  current: readonly Article[],
  options: Partial<SearchOptions>,
  aliases: Aliases,
): IndexParts {
  const analysis = { ...DEFAULT_SEARCH, ...options }.analysis;
  const parts: IndexParts = {
    miniSearch: loadMiniSearch(snapshot, miniSearchOptions(analysis)),
    documentFrequency: new Map(snapshot.documentFrequency),
    aliases,
  };
  const kept = new Set(current);
  const stale = new Set(previous);
  const removed = passagesOf(previous.filter((a) => !kept.has(a)));
  const added = passagesOf(current.filter((a) => !stale.has(a)));
  for (const p of removed) {
    parts.miniSearch.discard(p.id);
    for (const term of new Set(indexTermsOf(p.text, analysis))) {
      const n = (parts.documentFrequency.get(term) ?? 0) - 1;
      if (n > 0) parts.documentFrequency.set(term, n);
      else parts.documentFrequency.delete(term);
    }
  }
  addPassages(parts, added, new Map(added.map((p) => [p.id, indexTermsOf(p.text, analysis)])));
  return parts;
}

// ---- BM25 candidates: MiniSearch's scoring, without a result object for every matching passage ----

/** The parts of MiniSearch's state that scoring reads (what its own `search` reads). */
interface MiniSearchState {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    fuzzyGet(term: string, distance: number): Map<string, [Map<number, Map<number, number>>, number]>;
    atPrefix(prefix: string): { keys(): IterableIterator<string> };
  };
  _documentIds: Map<number, string>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _fieldIds: Record<string, number>;
  _nextId: number;
}

/** MiniSearch's defaults for what `topResults` replicates: BM25 parameters, fuzzy weight, longest edit distance. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;

interface TopOptions {
  boostTerm: (term: string) => number;
  fuzzy: (term: string) => number | false;
  filter?: (id: string) => boolean;
}

/**
 * The first `limit` results, best first, that `miniSearch.search(terms.join(' '), { ...RAW_QUERY,
 * boostTerm, fuzzy, filter })` returns, with the same scores and the same order (ties in first-match
 * order), for an index with one field and no prefix search. A common word matches most passages of a
 * large corpus, and MiniSearch builds, merges and sorts a result object for each; here scores add up
 * in arrays, in the order MiniSearch adds them, and only the best `limit` are kept.
 */
function topResults(
  miniSearch: MiniSearch<Passage>,
  terms: readonly string[],
  options: TopOptions,
  limit: number,
): { id: string; score: number; lengthNorm: number }[] {
  const ms = miniSearch as unknown as MiniSearchState;
  const scratch = scratchOf(miniSearch);
  const { fieldId, live, lengthNorm, score, matched, partial, touched } = scratch;
  const order: number[] = [];

  for (const term of terms) {
    const stamp = ++touched.stamp;
    const docs: number[] = [];
    const add = (data: Map<number, Map<number, number>> | undefined, weight: number) => {
      const postings = data?.get(fieldId);
      if (!postings) return;
      const { docs: ids, frequencies } = postingArrays(scratch, postings);
      let matching = ids.length;
      let idf = Math.log(1 + (ms._documentCount - matching + 0.5) / (matching + 0.5));
      for (let i = 0; i < ids.length; i++) {
        const doc = ids[i]!;
        const frequency = frequencies[i]!;
        if (live[doc] === 0) {
          matching -= 1;
          idf = Math.log(1 + (ms._documentCount - matching + 0.5) / (matching + 0.5));
          continue;
        }
        const raw = idf * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + lengthNorm[doc]!));
        const weighted = weight * boost * 1 * 1 * raw;
        if (touched.at[doc] === stamp) {
          partial[doc] = partial[doc]! + weighted;
        } else {
          touched.at[doc] = stamp;
          partial[doc] = weighted;
          docs.push(doc);
        }
      }
    };
    const boost = options.boostTerm(term);
    add(ms._index.get(term), 1);
    const fuzzy = options.fuzzy(term);
    if (fuzzy) {
      const distance = fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
      if (distance) {
        for (const [match, [data, d]] of ms._index.fuzzyGet(term, distance)) {
          if (d) add(data, (FUZZY_WEIGHT * match.length) / (match.length + d));
        }
      }
    }
    for (const doc of docs) {
      if (matched[doc] === 0) {
        score[doc] = partial[doc]!;
        order.push(doc);
      } else {
        score[doc] = score[doc]! + partial[doc]!;
      }
      matched[doc] = matched[doc]! + 1;
    }
  }

  // The best `limit`, kept sorted: a better score first, and among equal scores the first matched.
  const best: { doc: number; score: number; rank: number }[] = [];
  order.forEach((doc, rank) => {
    const final = score[doc]! * matched[doc]!;
    if (best.length === limit && final <= best[limit - 1]!.score) return;
    const id = ms._documentIds.get(doc)!;
    if (options.filter && !options.filter(id)) return;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < final) at--;
    best.splice(at, 0, { doc, score: final, rank });
    if (best.length > limit) best.pop();
  });
  for (const doc of order) matched[doc] = 0;
  return best.map((b) => ({
    id: ms._documentIds.get(b.doc)!,
    score: b.score,
    lengthNorm: lengthNorm[b.doc]!,
  }));
}

/** Per-index arrays for {@link topResults}, made once: the index does not change after construction. */
interface Scratch {
  fieldId: number;
  /** 1 for a short id still in the index, 0 for a discarded one. */
  live: Uint8Array;
  /** BM25's length normalisation of each passage, `k × (1 − b + b × length / average)`, as MiniSearch computes it. */
  lengthNorm: Float64Array;
  score: Float64Array;
  /** Query terms each passage matched; back to 0 after each query. */
  matched: Uint16Array;
  partial: Float64Array;
  /** Which query term last touched each passage (a stamp that only grows, so nothing is reset). */
  touched: { at: Int32Array; stamp: number };
  /**
   * Long posting lists as arrays, in the Map's order, made when first used; only while no passage
   * has been discarded (MiniSearch then edits posting lists as it meets discarded passages).
   */
  arrays: WeakMap<Map<number, number>, PostingArrays> | null;
}

interface PostingArrays {
  docs: ArrayLike<number>;
  frequencies: ArrayLike<number>;
}

/** Posting lists shorter than this are read from MiniSearch's Map: converting them would not pay. */
const ARRAY_POSTINGS_MIN = 512;

/** A posting list as two arrays, in the Map's iteration order (which fixes how ties are ordered). */
function postingArrays(scratch: Scratch, postings: Map<number, number>): PostingArrays {
  if (!scratch.arrays || postings.size < ARRAY_POSTINGS_MIN) {
    return { docs: [...postings.keys()], frequencies: [...postings.values()] };
  }
  let arrays = scratch.arrays.get(postings);
  if (!arrays) {
    arrays = { docs: Int32Array.from(postings.keys()), frequencies: Float64Array.from(postings.values()) };
    scratch.arrays.set(postings, arrays);
  }
  return arrays;
}

const scratches = new WeakMap<MiniSearch<Passage>, Scratch>();

function scratchOf(miniSearch: MiniSearch<Passage>): Scratch {
  let scratch = scratches.get(miniSearch);
  if (scratch) return scratch;
  const ms = miniSearch as unknown as MiniSearchState;
  const fieldId = ms._fieldIds.text!;
  const avgFieldLength = ms._avgFieldLength[fieldId]!;
  // Short ids run from 0 to `_nextId` − 1 (discarded ones included).
  const size = ms._nextId;
  const live = new Uint8Array(size);
  const lengthNorm = new Float64Array(size);
  for (const doc of ms._documentIds.keys()) {
    live[doc] = 1;
    const fieldLength = ms._fieldLength.get(doc)![fieldId]!;
    lengthNorm[doc] = BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / avgFieldLength);
  }
  scratch = {
    fieldId,
    live,
    lengthNorm,
    score: new Float64Array(size),
    matched: new Uint16Array(size),
    partial: new Float64Array(size),
    touched: { at: new Int32Array(size), stamp: 0 },
    arrays: ms._documentIds.size === size ? new WeakMap() : null,
  };
  scratches.set(miniSearch, scratch);
  return scratch;
}
