/**
 * What stands between a speaker's name and the speech verb, and documents that speak for their
 * authors: "Ward sister Amara Okonkwo, the union's representative at the hospital, where she has
 * worked for 19 years, said", "according to a letter from Commissioner Harold Brandt".
 */
import { DOCUMENT_HEADS } from '../text/lexicon.ts';
import type { Paragraph, Token } from './narrative.ts';
import { describePhrase, phraseAt } from './phrases.ts';
import { isCapitalised, isLowerTitle } from './words.ts';

/** The words of tokens[from, to) as written in the masked text. */
export function wordsOf(p: Paragraph, from: number, to: number): string {
  return to > from ? p.masked.slice(p.tokens[from]!.start, p.tokens[to - 1]!.end) : '';
}

/**
 * An apposition giving a role: ", a former pop star turned campaigner," → "former pop star turned
 * campaigner"; ", president of Local 12," → "president of Local 12". tokens[from] is the word after
 * the comma; the apposition ends at a comma, a stop or `limit`, and its role at "who" or "which".
 */
export function appositiveRole(
  p: Paragraph,
  from: number,
  limit: number,
): { role: string; end: number } | null {
  const first = p.tokens[from];
  if (!first || !(/^(a|an|the)$/.test(first.text) || isLowerTitle(first))) return null;
  const roleStart = /^(a|an|the)$/.test(first.text) ? from + 1 : from;
  let end = from + 1;
  let roleEnd = -1;
  while (end < limit && end < from + 16 && p.tokens[end]!.kind === 'word') {
    if (roleEnd < 0 && /^(who|which|that|whose)$/.test(p.tokens[end]!.lower)) roleEnd = end;
    end++;
  }
  if (end >= from + 16 || end === roleStart) return null;
  const stop = p.tokens[end];
  if (stop && stop.text !== ',' && stop.text !== '.' && end < limit) return null;
  const role = wordsOf(p, roleStart, roleEnd > roleStart ? roleEnd : end);
  return role ? { role, end } : null;
}

/** Words that open an apposition or a clause set off by commas after a name. */
const APPOSITION_OPENERS =
  /^(a|an|the|who|whose|which|where|when|whom|now|then|once|aged|of|from|in|at|for|herself|himself|both|each|along|like|until|formerly|also|and|but)$/;

/**
 * The subject of a sentence whose subject is followed by commas-delimited appositions up to the
 * speech verb at `verb` ("Jean Pugh, the union representative, who has worked at Clun library for
 * 22 years, said"): every stretch between commas must open as an apposition does (an article, a
 * relative word, an age, "of"/"from" an address, a lower-case title) or be a short capitalised
 * place. `subject` is the sentence's first phrase; null when the chain does not reach it.
 */
export function appositionChain(
  p: Paragraph,
  subject: [number, number] | null,
  verb: number,
): { range: [number, number]; role: string | null } | null {
  const { tokens } = p;
  if (!subject || tokens[subject[1]]?.text !== ',' || tokens[verb - 1]?.text !== ',') return null;
  const mention = describePhrase(tokens, subject[0], subject[1], p.masked);
  if (!mention || (mention.kind !== 'person' && mention.kind !== 'organisation')) return null;
  let start = subject[1] + 1;
  for (let i = start; i < verb; i++) {
    if (tokens[i]!.text !== ',') continue;
    // A name right after the subject is the person a description names ("The director, Ruth Okafor,").
    if (!opensApposition(tokens, start, i, start === subject[1] + 1)) return null;
    start = i + 1;
  }
  return { range: subject, role: appositiveRole(p, subject[1] + 1, verb)?.role ?? null };
}

function opensApposition(tokens: Token[], from: number, to: number, first: boolean): boolean {
  const opener = tokens[from];
  if (!opener || from >= to) return false;
  if (opener.kind === 'word' && /^\p{N}/u.test(opener.text)) return true;
  if (opener.kind === 'word' && (APPOSITION_OPENERS.test(opener.lower) || isLowerTitle(opener))) return true;
  // "of Elm Tree Lane, Pontesbury,": a short capitalised place after an address.
  return !first && to - from <= 3 && tokens.slice(from, to).every((t) => isCapitalised(t));
}

/**
 * The author of the document phrase at `start`: "the letter from Commissioner Harold Brandt to the
 * company" → "Commissioner Harold Brandt"; null when no document with an author stands there.
 */
export function documentAuthor(tokens: Token[], start: number): [number, number] | null {
  let k = start;
  if (/^(a|an|the)$/.test(tokens[k]?.lower ?? '')) k++;
  while (
    k < start + 4 &&
    tokens[k] &&
    !DOCUMENT_HEADS.has(tokens[k]!.lower) &&
    /^\p{Ll}/u.test(tokens[k]!.text)
  )
    k++;
  if (!DOCUMENT_HEADS.has(tokens[k]?.lower ?? '')) return null;
  if (!/^(from|by|of)$/.test(tokens[k + 1]?.lower ?? '')) return null;
  return phraseAt(tokens, k + 2);
}
