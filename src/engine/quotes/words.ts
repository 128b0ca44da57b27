/**
 * What a token of masked narrative is, in the grammar of attribution: a capitalised word, a title,
 * a speech verb used as a verb, an auxiliary that may stand before one.
 */
import { STOP_WORDS } from '../text/analysis.ts';
import {
  DESCRIPTION_HEADS,
  DETERMINERS,
  ROLE_MODIFIERS,
  SENTENCE_WORDS,
  SPEECH_VERBS,
  TITLE_WORDS,
  VERB_MODIFIERS,
} from '../text/lexicon.ts';
import type { Token } from './narrative.ts';

/** A word starting with a capital letter (or a digit-free all-caps acronym). */
export function isCapitalised(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && /^\p{Lu}/u.test(t.text);
}

export const baseOf = (t: Token): string => t.lower.replace(/['’]s?$/, '');
export const isPossessive = (t: Token): boolean =>
  t.kind === 'word' && /['’]s?$/.test(t.text) && t.text.length > 2;

/** A plain lower-case word that may qualify a title before it ("transit" in "city transit director"). */
export function isQualifier(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'word' &&
    /^\p{Ll}[\p{Ll}-]+(['’]s?)?$/u.test(t.text) &&
    !STOP_WORDS.has(t.lower) &&
    !SPEECH_VERBS.has(t.lower)
  );
}

/** A lower-case title or head noun ("director", "spokesman"), which qualifiers may precede. */
export function isLowerHead(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'word' &&
    /^\p{Ll}/u.test(t.text) &&
    (TITLE_WORDS.has(t.lower) || DESCRIPTION_HEADS.has(t.lower))
  );
}

/** A word that can belong to a speaker's noun phrase. */
export function inPhrase(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const base = baseOf(t);
  return isCapitalised(t) || ROLE_MODIFIERS.has(base) || TITLE_WORDS.has(base) || DESCRIPTION_HEADS.has(base);
}

/** A lower-case title word ("spokeswoman", "president"). */
export function isLowerTitle(t: Token): boolean {
  return t.kind === 'word' && /^\p{Ll}/u.test(t.text) && TITLE_WORDS.has(t.lower);
}

/** True for a verb that introduces speech. Participles ("saying") take the clause's subject. */
export function isSpeechVerb(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && SPEECH_VERBS.has(t.lower);
}

/** A speech verb used as a verb at tokens[i], not as the noun of the same spelling. */
export function isSpeechVerbAt(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!isSpeechVerb(t)) return false;
  const prev = tokens[i - 1];
  return !(prev && prev.kind === 'word' && (DETERMINERS.has(prev.lower) || isPossessive(prev)));
}

/** "saying", "adding": a participle, whose speaker is its clause's subject. */
export function isParticiple(t: Token): boolean {
  return t.lower.endsWith('ing');
}

/** An auxiliary or adverb that may stand between a speaker and the verb ("has also said"). */
export function isVerbModifier(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && (VERB_MODIFIERS.has(t.lower) || /^\p{Ll}+ly$/u.test(t.text));
}

/** Whether the word is "was", "were", "been"…: a passive, whose subject is spoken about, not speaking. */
export function isBeVerb(t: Token | undefined): boolean {
  return t !== undefined && /^(is|are|was|were|be|been|being)$/.test(t.lower);
}

/** Whether a capitalised word at the start of a sentence is an ordinary word, not a name. */
export function isSentenceWord(t: Token): boolean {
  return SENTENCE_WORDS.has(t.lower);
}
