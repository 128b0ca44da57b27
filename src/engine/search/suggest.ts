/**
 * Autocomplete for questions: completes the word being typed with words of the corpus, most frequent
 * first, so a reader finds the names and terms the articles actually use. Nothing is invented: every
 * suggestion is the reader's own text with one corpus word finishing it (or, before anything is typed,
 * the articles' own headings).
 */
import { STOP_WORDS, tokenize } from '../text/analysis.ts';
import type { Article } from '../types.ts';

/** Options for {@link suggestQuestions}, merged over {@link DEFAULT_SUGGEST}. */
interface SuggestOptions {
  /** Most suggestions returned. */
  limit: number;
  /** Longest suggestion, in characters. */
  maxLength: number;
  /** Shortest corpus word offered as a completion. */
  minWordLength: number;
}

/** Defaults for {@link SuggestOptions}, each with the reason for its value. */
const DEFAULT_SUGGEST: SuggestOptions = {
  /** Discord's limit of autocomplete choices. */
  limit: 25,
  /** Discord's limit for a choice's name. */
  maxLength: 100,
  /** Shorter corpus words are mostly noise. */
  minWordLength: 3,
};

/** Corpus words by lower-case form: the form most often written, how often, and the headings. */
export interface Vocabulary {
  words: { lower: string; form: string; count: number }[];
  headings: string[];
}

/** Counts the words of the corpus (stop words left out) and gathers titles and subheadings. */
export function buildVocabulary(articles: readonly Article[]): Vocabulary {
  const forms: WordForms = new Map();
  for (const article of articles) countWords(forms, article);
  return vocabularyOf(forms, articles);
}

/**
 * {@link buildVocabulary} without holding the event loop for long: articles are counted in slices,
 * yielding between them (ten thousand articles take seconds to count). The same vocabulary.
 */
export async function buildVocabularyInSlices(articles: readonly Article[]): Promise<Vocabulary> {
  const forms: WordForms = new Map();
  for (let i = 0; i < articles.length; i += ARTICLES_PER_SLICE) {
    for (const article of articles.slice(i, i + ARTICLES_PER_SLICE)) countWords(forms, article);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return vocabularyOf(forms, articles);
}

/** Articles counted between two yields by {@link buildVocabularyInSlices}. */
const ARTICLES_PER_SLICE = 100;

/** Lower-case word → the forms it is written in → how often. */
type WordForms = Map<string, Map<string, number>>;

function countWords(forms: WordForms, article: Article): void {
  for (const block of article.blocks) {
    for (const token of tokenize(block.text)) {
      if (token.kind === 'number' || STOP_WORDS.has(token.norm)) continue;
      const lower = token.raw.toLowerCase();
      const counts = forms.get(lower) ?? new Map<string, number>();
      counts.set(token.raw, (counts.get(token.raw) ?? 0) + 1);
      forms.set(lower, counts);
    }
  }
}

/** `localeCompare`'s order (default locale and options), several times faster over many words. */
const collator = new Intl.Collator();

function vocabularyOf(forms: WordForms, articles: readonly Article[]): Vocabulary {
  const words = [...forms].map(([lower, counts]) => {
    const [form] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
    return { lower, form, count: [...counts.values()].reduce((a, b) => a + b, 0) };
  });
  words.sort((a, b) => b.count - a.count || collator.compare(a.lower, b.lower));
  const headings = articles.flatMap((a) => [
    a.meta.title,
    ...a.blocks.filter((b) => b.kind === 'subheading').map((b) => b.text),
  ]);
  return { words, headings: [...new Set(headings)] };
}

/**
 * Suggestions for what has been typed so far: the text itself, then the text with its last word
 * completed by corpus words. Before anything is typed, the corpus's headings. Text longer than
 * `maxLength` gets no suggestion, so Discord keeps what the reader typed. Several vocabularies (a
 * server's own and the shared one) are read as one: headings in their order, words by count.
 */
export function suggestQuestions(
  vocabulary: Vocabulary | readonly Vocabulary[],
  typed: string,
  options: Partial<SuggestOptions> = {},
): string[] {
  const vocabularies: readonly Vocabulary[] = Array.isArray(vocabulary) ? vocabulary : [vocabulary];
  const { limit, maxLength, minWordLength } = { ...DEFAULT_SUGGEST, ...options };
  const text = typed.replace(/\s+/g, ' ').trimStart();
  if (text.trim() === '') {
    const headings = [...new Set(vocabularies.flatMap((v) => v.headings))];
    return headings.filter((h) => h.length <= maxLength).slice(0, limit);
  }
  if (text.trim().length > maxLength) return [];
  const [, head = '', partial = ''] = /^(.*?)(\S*)$/.exec(text) ?? [];
  const out = new Set([text.trim()]);
  const prefix = partial.toLowerCase();
  if (prefix) {
    for (const word of byCount(vocabularies.map((v) => v.words))) {
      if (out.size >= limit) break;
      if (word.lower.length < minWordLength || word.lower === prefix || !word.lower.startsWith(prefix))
        continue;
      const suggestion = head + word.form;
      if (suggestion.length <= maxLength) out.add(suggestion);
    }
  }
  return [...out];
}

/** The words of lists each sorted by count, most frequent first across all (a merge, nothing copied). */
function* byCount(lists: readonly Vocabulary['words'][]): Generator<Vocabulary['words'][number]> {
  if (lists.length === 1) return yield* lists[0]!;
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const word = lists[i]![at[i]!];
      if (word && (best < 0 || word.count > lists[best]![at[best]!]!.count)) best = i;
    }
    if (best < 0) return;
    yield lists[best]![at[best]!++]!;
  }
}
