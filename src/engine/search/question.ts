/**
 * What a question asks for: its concepts (each user word with the other words that may stand for
 * it) and its shape (who, when, where, how many, why), which tells what an answering sentence holds.
 */
import {
  inflectionBase,
  keyTerm,
  stemWord,
  tokenize,
  type AnalysisOptions,
  type Token,
} from '../text/analysis.ts';
import type { Aliases } from './aliases.ts';
import type { SearchOptions } from './options.ts';
import { NEWS_SYNONYMS, QUESTION_FRAME_WORDS } from './vocabulary.ts';

/** What kind of thing answers the question. */
export type QuestionShape = 'person' | 'date' | 'place' | 'number' | 'reason' | 'other';

/** One way of finding a concept in text: all its terms must occur. */
interface Alternative {
  terms: readonly string[];
  /** 1 for the user's own word; lower for synonyms and aliases. */
  weight: number;
  /** Found by word vectors (see `soft.ts`): close in meaning, not the same word. */
  soft?: boolean;
  /** For a synonym that is a phrase with a stop word ("never before"): the phrase, as `phraseSequence` writes it. */
  phrase?: string;
}

/** One content word of the question and what may stand for it. */
export interface Concept {
  /** The word as the user wrote it. */
  token: Token;
  /** Its position among the question's tokens, stop words included (for proximity and phrases). */
  position: number;
  /** The user's own term first. */
  alternatives: Alternative[];
  /** A word that frames the question ("what happened to…") rather than names its subject. */
  frame: boolean;
  /** A name, acronym or number (not the question's first word): if the corpus lacks it, it cannot answer. */
  distinctive: boolean;
  /** A word of the curated news vocabulary: a common word, never a name typed in lower case. */
  common: boolean;
}

export interface QuestionAnalysis {
  question: string;
  concepts: Concept[];
  shape: QuestionShape;
}

/** The weights of the words that may stand for a question's word (see {@link SearchOptions}). */
type ExpansionOptions = Pick<SearchOptions, 'synonymWeight' | 'aliasWeight' | 'vocabulary'>;

/**
 * A synonym-table member, analysed. `sequence` has a key term a token and, for a stop word, the word
 * itself (so "held off" is matched as a phrase, not as "held"); `terms` are its key terms alone.
 */
interface Member {
  sequence: string[];
  /** Each token's inflectional base (see `inflectionBase`), so "negotiator" is not "negotiations". */
  forms: string[];
  terms: string[];
  /** Holds a stop word ("put off", "never before"): it must be found as a phrase. */
  phrasal: boolean;
}

const synonymGroups = new Map<AnalysisOptions, Member[][]>();

function groupsFor(analysis: AnalysisOptions): Member[][] {
  let groups = synonymGroups.get(analysis);
  if (!groups) {
    groups = NEWS_SYNONYMS.map((group) =>
      group.map((text) => {
        const tokens = tokenize(text).map((t) => ({
          ...t,
          kind: t.kind === 'name' ? ('word' as const) : t.kind,
        }));
        const sequence = tokens.map((t) => sequenceTerm(t, analysis));
        const terms = sequence.filter((t) => !t.startsWith('~'));
        return { sequence, forms: tokens.map(formOf), terms, phrasal: terms.length !== sequence.length };
      }),
    );
    synonymGroups.set(analysis, groups);
  }
  return groups;
}

/** A word's inflectional base, for matching vocabulary members; numbers and acronyms as they are. */
function formOf(token: Token): string {
  return token.kind === 'number' || token.kind === 'acronym' ? token.norm : inflectionBase(token.norm);
}

/** A token's place in a phrase: its key term, or `~word` for a stop word. */
function sequenceTerm(token: Token, analysis: AnalysisOptions): string {
  return keyTerm(token, analysis) ?? `~${token.norm}`;
}

/** A text as a space-separated sequence of phrase terms, with a space at each end, for phrase matching. */
export function phraseSequence(text: string, analysis: AnalysisOptions): string {
  return ` ${tokenize(text)
    .map((t) => sequenceTerm(t, analysis))
    .join(' ')} `;
}

const FRAME_TERMS = new Map<AnalysisOptions, Set<string>>();

function frameTerms(analysis: AnalysisOptions): Set<string> {
  let set = FRAME_TERMS.get(analysis);
  if (!set) {
    set = new Set([...QUESTION_FRAME_WORDS].map((w) => stemWord(w, analysis)));
    FRAME_TERMS.set(analysis, set);
  }
  return set;
}

/** Nouns that name the kind of answer after "which" or "what" ("which city", "what news outlet"). */
const ANSWER_TYPES: readonly [QuestionShape, RegExp][] = [
  [
    'person',
    /^(person|official|people|group|organi[sz]ation|company|firm|outlet|newspaper|network|agency|leader|minister|team|party)$/,
  ],
  ['date', /^(year|date|day|month|time)$/],
  ['place', /^(city|place|country|town|region|venue|state|area)$/],
  ['number', /^(number|percentage|amount|share|proportion)$/],
];

/** The shape named by "which (news) outlet", "what year": the noun after "which" or "what", if it names a kind of answer. */
function answerType(tokens: readonly Token[]): QuestionShape | null {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.norm !== 'which' && tokens[i]!.norm !== 'what') continue;
    for (const span of [1, 2]) {
      const noun = tokens[i + span];
      const type = noun && ANSWER_TYPES.find(([, re]) => re.test(noun.norm));
      if (type) return type[0];
    }
  }
  return null;
}

/** The shape of a question, from its opening words. */
export function questionShape(question: string): QuestionShape {
  const q = question.toLowerCase().replace(/^\W+/, '');
  if (/^(who|whom|whose)\b|\b(what is|what's) the name\b/.test(q)) return 'person';
  if (/^when\b|\bhow long ago\b/.test(q)) return 'date';
  if (/^where\b/.test(q)) return 'place';
  if (/\bhow (many|much)\b|^how long\b/.test(q)) return 'number';
  if (/^why\b|\bwhat (caused|was the reason|is the reason)\b/.test(q)) return 'reason';
  return answerType(tokenize(question)) ?? 'other';
}

/** Splits a question into concepts and expands each with synonyms and corpus aliases. */
export function analyzeQuestion(
  question: string,
  analysis: AnalysisOptions,
  aliases: Aliases,
  expansion: ExpansionOptions,
): QuestionAnalysis {
  const frames = frameTerms(analysis);
  const tokens = tokenize(question);
  const concepts: Concept[] = [];
  tokens.forEach((token, position) => {
    const term = keyTerm(token, analysis);
    if (term === null) return;
    if (concepts.some((c) => c.alternatives[0]!.terms[0] === term)) return;
    const alternatives: Alternative[] = [{ terms: [term], weight: 1 }];
    // A capitalised word is also looked up exactly, so a name never matches a mere word stem.
    if (token.kind === 'name' && token.norm !== term) alternatives.push({ terms: [token.norm], weight: 1 });
    for (const alias of aliases.byTerm.get(term) ?? []) {
      alternatives.push({ terms: [alias], weight: expansion.aliasWeight });
    }
    const spelled = aliases.acronyms.find((a) => a.acronym === term);
    if (spelled) alternatives.push({ terms: spelled.expansion, weight: expansion.aliasWeight });
    concepts.push({
      token,
      position,
      alternatives,
      frame: frames.has(term),
      distinctive:
        (token.kind === 'name' && position > 0) || token.kind === 'acronym' || token.kind === 'number',
      common: false,
    });
  });

  // Two words the article may write as one ("dock workers" / "dockworkers", "cease fire").
  for (let i = 1; i < concepts.length; i++) {
    const [a, b] = [concepts[i - 1]!, concepts[i]!];
    if (b.position !== a.position + 1 || a.token.kind !== 'word' || b.token.kind !== 'word') continue;
    const joined = keyTerm(
      { raw: a.token.norm + b.token.norm, norm: a.token.norm + b.token.norm, kind: 'word' },
      analysis,
    );
    if (joined)
      for (const c of [a, b]) c.alternatives.push({ terms: [joined], weight: expansion.synonymWeight });
  }

  // An acronym's expansion spelt out in the question also finds the acronym.
  const terms = concepts.map((c) => c.alternatives[0]!.terms[0]!);
  for (const { acronym, expansion: words } of aliases.acronyms) {
    const at = indexOfRun(terms, words);
    if (at < 0) continue;
    for (const c of concepts.slice(at, at + words.length))
      c.alternatives.push({ terms: [acronym], weight: expansion.aliasWeight });
  }

  // Synonym groups: a member found in the question (as a phrase) adds the other members to its words.
  // A member matches by stem and by inflection: "talked" is "talks", but "negotiations" is not "negotiator".
  const sequence = tokens.map((t) => sequenceTerm(t, analysis));
  const forms = tokens.map(formOf);
  const conceptAt = new Map(concepts.map((c) => [c.position, c]));
  for (const group of expansion.vocabulary ? groupsFor(analysis) : []) {
    for (const member of group) {
      const at = indexOfRun(sequence, member.sequence);
      if (at < 0 || member.forms.some((f, k) => forms[at + k] !== f)) continue;
      const others = group.filter((m) => m !== member && m.terms.length > 0);
      for (let k = at; k < at + member.sequence.length; k++) {
        const concept = conceptAt.get(k);
        if (!concept) continue;
        concept.common = true;
        for (const other of others) {
          if (!concept.alternatives.some((a) => sameTerms(a.terms, other.terms) && !a.phrase)) {
            concept.alternatives.push({
              terms: other.terms,
              weight: expansion.synonymWeight,
              ...(other.phrasal ? { phrase: other.sequence.join(' ') } : {}),
            });
          }
        }
      }
    }
  }
  return { question, concepts, shape: questionShape(question) };
}

function indexOfRun(terms: readonly string[], run: readonly string[]): number {
  if (run.length === 0) return -1;
  for (let i = 0; i + run.length <= terms.length; i++) {
    if (run.every((t, k) => terms[i + k] === t)) return i;
  }
  return -1;
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
