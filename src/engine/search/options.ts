/**
 * How search behaves: every option of the passage index and question answering, and its default.
 * A field's doc comment says what the option does; the comment on its value in {@link DEFAULT_SEARCH}
 * says why that value was chosen. Defaults are written there and nowhere else.
 */
import { DEFAULT_ANALYSIS, type AnalysisOptions } from '../text/analysis.ts';
import type { BlockKind } from '../types.ts';
import type { SoftMatchOptions } from './soft.ts';
import type { WordVectors } from '../text/vectors.ts';

/** Options for the passage index and question answering, merged over {@link DEFAULT_SEARCH}. */
export interface SearchOptions extends SoftMatchOptions {
  /** How many passages an answer holds at most. */
  limit: number;
  /** Score multiplier by block kind. */
  kindWeight: Readonly<Record<BlockKind, number>>;
  /** Shortest word matched fuzzily. */
  fuzzyMinLength: number;
  /** MiniSearch fuzziness for long words: the share of a word's letters that may differ. */
  fuzziness: number;
  /** Abstain when more than this share of the question's content words never occur in the corpus. */
  maxUnknownShare: number;
  /** Abstain when the best passage covers less than this share of the question (each concept weighted by rarity). */
  minCoverage: number;
  /**
   * Weight, against an average known word, of a question word the corpus never uses, in the coverage
   * that decides abstention.
   */
  unknownWordWeight: number;
  /** Weight of a curated synonym against the user's own word. */
  synonymWeight: number;
  /**
   * Weight of the corpus word closest in spelling to a long question word the corpus never uses
   * ("firefigters" → "firefighters").
   */
  spellingWeight: number;
  /**
   * Weight of the corpus terms an unfinished last word begins ("who is boeh" → "boehler"): the
   * question's last word, with no punctuation after it, that the corpus never uses.
   */
  prefixWeight: number;
  /** Shortest unfinished word completed. */
  prefixMinLength: number;
  /** Weight of a corpus-built alias (role ↔ name, acronym ↔ expansion, place ↔ demonym). */
  aliasWeight: number;
  /** Weight of a word that frames the question ("what happened to…"). */
  frameWeight: number;
  /**
   * How the final score mixes BM25 (normalised to the best candidate), the passage's coverage of the
   * question, and its best sentence's coverage plus shape and proximity bonuses.
   */
  mix: { bm25: number; coverage: number; sentence: number };
  /**
   * Which BM25 the mix uses. 'concepts': each question concept scored as one term, its synonyms and
   * aliases counted as occurrences at their weight, with the rarity of the user's word (as Lucene's
   * SynonymQuery does), and a word inside a longer name counting `namePartWeight`. 'terms':
   * MiniSearch's BM25 over every term.
   */
  bm25: 'concepts' | 'terms';
  /** Bonus of a sentence holding what the question's shape asks for (a name for "who"). */
  shapeBonus: number;
  /** Bonus of a sentence holding adjacent question words close together. */
  proximityBonus: number;
  /**
   * How much a passage's article, taken whole, must cover the question: the score is multiplied by
   * 1 − w + w × article coverage.
   */
  articleWeight: number;
  /** How much a name of the question counts when the passage's article gives it but the passage does not. */
  implicitNameWeight: number;
  /**
   * How much a lower-case word of the question counts when the passage has it only inside a proper
   * name of several words ("news" in "Sky News", "time" in "The Irish Times"), unless the question
   * names that name too ("white house").
   */
  namePartWeight: number;
  /** Weight of a name, number or acronym of the question against an ordinary word of the same rarity. */
  distinctiveWeight: number;
  /** How many BM25 candidates are re-ranked. */
  candidates: number;
  /** Weight of a concept the corpus has only through words close in meaning, against one it has. */
  softConceptWeight: number;
  /** Least similarity for a corpus term to stand for a question word the corpus also uses. */
  softKnownMinSimilarity: number;
  /**
   * With word vectors: the corpus does not answer when real words of the question (words the vectors
   * know) for which it has nothing, not even a word close in meaning, make up at least this share of
   * the question's content words, each weighed by its rarity.
   */
  maxUnknownMeaningShare: number;
  /** Weight, against a known word of the same rarity, of a real word the corpus has nothing close to. */
  unknownRealWordWeight: number;
  /** Whether the curated news vocabulary (`vocabulary.ts`) expands question words. */
  vocabulary: boolean;
  /** How text becomes terms: the same for the index and the question. */
  analysis: AnalysisOptions;
  /** Word vectors for soft matching (see `soft.ts`); null answers by the question's words alone. */
  vectors: WordVectors | null;
}

/** Defaults for {@link SearchOptions}, each with the reason for its value. */
export const DEFAULT_SEARCH: SearchOptions = {
  /** What the CLI contract allows. */
  limit: 5,
  /**
   * Body paragraphs carry the reporting; captions, headings and the standfirst repeat it in fewer
   * words and would otherwise win on length normalisation alone.
   */
  kindWeight: { paragraph: 1, caption: 0.6, headline: 0.55, standfirst: 0.7, subheading: 0.5 },
  /** Shorter words, names and numbers are too easily confused with other words one letter away. */
  fuzzyMinLength: 6,
  /** One letter in five: a typo or two in a long word, never a different short word. */
  fuzziness: 0.2,
  /**
   * "capital of Peru" (all unknown) abstains, "what is the goal of the talks" (one of two unknown)
   * does not.
   */
  maxUnknownShare: 0.5,
  /** Scores have no fixed scale; coverage does, so the threshold is on coverage. */
  minCoverage: 0.35,
  /**
   * "how much would the plan cost" covers less when the corpus never says "cost", without letting one
   * paraphrased word silence an answer.
   */
  unknownWordWeight: 0.5,
  /** A synonym is evidence, but weaker than the user's own word, so a passage with that word ranks first. */
  synonymWeight: 0.5,
  /** A close spelling is most likely the word meant, but not certainly. */
  spellingWeight: 0.8,
  /** A corpus word the typed letters begin is most likely the word meant, but not certainly. */
  prefixWeight: 0.8,
  /** Fewer letters begin too many words to guess which one is meant. */
  prefixMinLength: 3,
  /**
   * Above a synonym: the corpus itself uses the alias for the same thing ("Roe" and "the Prime
   * Minister"); below the user's own word.
   */
  aliasWeight: 0.6,
  /** Framing words ("happened", "say") occur everywhere and say little about the subject. */
  frameWeight: 0.3,
  /**
   * The three sum to 1, so a score stays on coverage's scale. Coverage of the whole question weighs
   * most; BM25 tells apart passages of equal coverage by how often and how densely they use the words;
   * the best sentence favours a passage that answers in one place.
   */
  mix: { bm25: 0.35, coverage: 0.4, sentence: 0.25 },
  /** A rare synonym in a passage never outweighs the user's own word. */
  bm25: 'concepts',
  /** A sentence that holds the kind of thing asked for is likelier to be the answer. */
  shapeBonus: 0.25,
  /** Question words standing together in a sentence are likelier to be about the same thing. */
  proximityBonus: 0.2,
  /** A question about one story should be answered from that story. */
  articleWeight: 0.5,
  /** The company in a story about Halvard is Halvard, but the passage that names it says so outright. */
  implicitNameWeight: 0.6,
  /** The passage has the word, but as part of another thing's name. */
  namePartWeight: 0.5,
  /** The story's subject recurs through its article, so its rarity understates it. */
  distinctiveWeight: 2,
  /** Enough to reach passages BM25 ranks low but re-ranking lifts, few enough to re-rank quickly. */
  candidates: 40,
  /**
   * In the GloVe vectors, near-synonyms a reader swaps for the article's word sit above it ("stock" and
   * "shares" 0.85, "talks" and "negotiations" 0.92, "drop" and "fell" 0.87), loosely related words
   * below ("city" and "Doha" 0.24, "hospital" and "NHS" 0.48).
   */
  softMinSimilarity: 0.6,
  /**
   * "what is the capital of peru", "what did biden say about the talks": half the question is about
   * something the articles never mention, in any words. Measured on the development sets: lower
   * thresholds silence answerable questions whose one unusual word ("the staff reps") the vectors
   * cannot place.
   */
  maxUnknownMeaningShare: 0.5,
  /**
   * The word vectors know the word and the corpus has nothing close to it: what it asks about is
   * missing, as surely as a known word would be present.
   */
  unknownRealWordWeight: 0.5,
  /** See the README's ablation: the groups the vectors cannot learn are kept, and they still help. */
  vocabulary: true,
  /**
   * Above any similarity, so off: when the article uses the reader's word, the passage with it is
   * found anyway, and measured on the development sets, adding close words to it ("house" and
   * "office", "start" and "next") cost more than it found. Lower it to let near-synonyms join.
   */
  softKnownMinSimilarity: 1.01,
  /**
   * A word close in meaning is evidence that the passage speaks of the same thing, not proof: its
   * concept counts for less in coverage, so that its absence does not silence a good answer.
   */
  softConceptWeight: 0.3,
  /** The nearest few words, not a cloud of related ones. */
  softMaxNeighbours: 2,
  /**
   * Beside the reader's own word, a near-synonym at similarity 0.9 counts about as much as a curated
   * synonym (0.5).
   */
  softWeight: 0.55,
  /** The one analysis of the whole engine (see analysis.ts). */
  analysis: DEFAULT_ANALYSIS,
  /** The adapters load them (see `openWordVectors`); the engine never reads a file it is not given. */
  vectors: null,
};

/** Options with every missing one taken from {@link DEFAULT_SEARCH}. */
export function withSearchDefaults(options: Partial<SearchOptions>): SearchOptions {
  return { ...DEFAULT_SEARCH, ...options };
}
