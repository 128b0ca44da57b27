/**
 * Noun phrases that name speakers in masked narrative, and what each names: a pronoun, a person
 * with a role, an organisation, or a description ("a spokesman for the ministry").
 */
import {
  ABBREVIATED_TITLES,
  CONNECTORS,
  DESCRIPTION_HEADS,
  DOCUMENT_HEADS,
  GENDERED_WORDS,
  HONORIFICS,
  NAME_PARTICLES,
  ORGANISATION_WORDS,
  PLACE_PREFIXES,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  PRONOUNS,
  ROLE_MODIFIERS,
  SENTENCE_WORDS,
  TITLE_WORDS,
} from '../text/lexicon.ts';
import type { Token } from './narrative.ts';
import { baseOf, inPhrase, isCapitalised, isLowerHead, isPossessive, isQualifier } from './words.ts';

/** The noun phrase ending just before `end` (exclusive), walking back; null if there is none. */
export function phraseBefore(tokens: Token[], end: number): [number, number] | null {
  let j = end - 1;
  const last = tokens[j];
  if (last && last.kind === 'word' && last.lower in PRONOUNS) return [j, end];
  let start = end;
  while (j >= 0) {
    const t = tokens[j]!;
    if (t.kind === 'word' && /^(the|a|an|one)$/.test(t.lower)) {
      if (start < end) start = j;
      // "a spokesperson for the Forest Service": the description goes on before "for the".
      const connector = tokens[j - 1];
      if (
        start === j &&
        connector &&
        /^(for|of|at|from)$/.test(connector.lower) &&
        isLowerHead(tokens[j - 2])
      ) {
        j -= 2;
        start = j + 1;
        continue;
      }
      break;
    }
    // "However", "In", "But" open sentences; they never begin a name.
    if (isCapitalised(t) && SENTENCE_WORDS.has(t.lower)) break;
    if (inPhrase(t)) {
      start = j--;
      continue;
    }
    // An occupation right before a name: "engineer Omar Haddad".
    if (
      isQualifier(t) &&
      !isPossessive(t) &&
      start < end &&
      isCapitalised(tokens[start]) &&
      j === start - 1
    ) {
      start = j--;
      continue;
    }
    // Up to three qualifiers before a lower-case title: "city transit director Maria Feld".
    if (isQualifier(t) && start < end) {
      let k = j + 1;
      while (k < end && k <= j + 3 && isQualifier(tokens[k]) && !isLowerHead(tokens[k])) k++;
      if (k < end && k <= j + 3 && isLowerHead(tokens[k])) {
        start = j--;
        continue;
      }
    }
    // "Sen." and "John F. Kennedy": a full stop after an abbreviated title or an initial.
    if (t.text === '.' && tokens[j - 1] && /^(\p{Lu}|[\p{L}]+)$/u.test(tokens[j - 1]!.text)) {
      const prev = tokens[j - 1]!;
      if (ABBREVIATED_TITLES.has(prev.lower) || /^\p{Lu}$/u.test(prev.text)) {
        start = j--;
        continue;
      }
    }
    if (t.kind === 'word' && CONNECTORS.has(t.lower) && start < end && inPhrase(tokens[j - 1])) {
      start = j--;
      continue;
    }
    if (
      t.lower === 'and' &&
      isCapitalised(tokens[start]) &&
      isCapitalised(tokens[j - 1]) &&
      organisationBefore(tokens, j)
    ) {
      start = j--;
      continue;
    }
    break;
  }
  return start < end ? trimPhrase(tokens, start, end) : null;
}

/** Whether the capitalised words just before `i` name an organisation ("Department for Business"). */
function organisationBefore(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && (isCapitalised(tokens[k]) || CONNECTORS.has(tokens[k]!.lower)); k--) {
    if (ORGANISATION_WORDS.has(baseOf(tokens[k]!))) return true;
  }
  return false;
}

/** The noun phrase starting at `start`, walking forward; null if there is none. */
export function phraseAt(tokens: Token[], start: number): [number, number] | null {
  let i = start;
  const first = tokens[i];
  if (first && first.kind === 'word' && first.lower in PRONOUNS) return [i, i + 1];
  if (first && first.kind === 'word' && /^(the|a|an|one)$/.test(first.lower)) i++;
  let end = i;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const particle = NAME_PARTICLES.has(t.lower) && end > start && isCapitalised(tokens[i + 1]);
    if (isQualifier(t) && !inPhrase(t) && !particle) {
      // Qualifiers count only when a lower-case title follows them within three words, or a name
      // follows one of them directly ("engineer Omar Haddad").
      let k = i;
      while (k < i + 3 && isQualifier(tokens[k]) && !isLowerHead(tokens[k])) k++;
      const beforeName =
        k === i + 1 && !isPossessive(t) && isCapitalised(tokens[k]) && isCapitalised(tokens[k + 1]);
      if (!isLowerHead(tokens[k]) && !beforeName) break;
      i = k;
      continue;
    }
    if (inPhrase(t) && !(i === start && SENTENCE_WORDS.has(t.lower))) {
      end = ++i;
      if (isPossessive(t) && !DESCRIPTION_HEADS.has(tokens[i]?.lower ?? '') && !inPhrase(tokens[i])) break;
      continue;
    }
    if (
      t.text === '.' &&
      tokens[i - 1] &&
      (ABBREVIATED_TITLES.has(tokens[i - 1]!.lower) || /^\p{Lu}$/u.test(tokens[i - 1]!.text))
    ) {
      end = ++i;
      continue;
    }
    if (t.kind === 'word' && CONNECTORS.has(t.lower) && end > start && inPhrase(tokens[i + 1])) {
      i++;
      continue;
    }
    if (
      t.lower === 'and' &&
      isCapitalised(tokens[i - 1]) &&
      isCapitalised(tokens[i + 1]) &&
      organisationBefore(tokens, i)
    ) {
      i++;
      continue;
    }
    break;
  }
  return end > start && end > (first && /^(the|a|an|one)$/i.test(first.text) ? start + 1 : start)
    ? trimPhrase(tokens, start, end)
    : null;
}

/** Drops trailing role modifiers and connectors that cannot end a phrase. */
function trimPhrase(tokens: Token[], start: number, end: number): [number, number] | null {
  while (end > start) {
    const t = tokens[end - 1]!;
    if (
      t.kind === 'word' &&
      (CONNECTORS.has(t.lower) ||
        (ROLE_MODIFIERS.has(t.lower) && !isCapitalised(t) && !DESCRIPTION_HEADS.has(t.lower)))
    )
      end--;
    else if (t.text === '.') end--;
    else break;
  }
  return end > start ? [start, end] : null;
}

/** What a noun phrase names, before it is resolved against the article's other mentions. */
export type Mention =
  | { kind: 'pronoun'; antecedent: 'person' | 'organisation' | null; gender: Gender | null }
  | { kind: 'person'; name: string; role: string | null; titled: boolean; gender: Gender | null }
  | { kind: 'organisation'; name: string }
  | { kind: 'description'; name: string };

/** A person's gender as the article shows it: an honorific, a gendered title, "he" or "she". */
export type Gender = 'female' | 'male';

/** The gender the words of a phrase or a role give, if any ("Ms", "spokeswoman", "father of three"). */
export function genderOf(words: readonly string[]): Gender | null {
  for (const w of words) {
    const g = GENDERED_WORDS[w.toLowerCase().replace(/[.'’]s?$/, '')];
    if (g) return g;
  }
  return null;
}

/** Classifies the phrase tokens[start, end): a pronoun, a person with a role, an organisation. */
export function describePhrase(tokens: Token[], start: number, end: number, source: string): Mention | null {
  const span = tokens.slice(start, end);
  const first = span[0]!;
  if (span.length === 1 && first.lower in PRONOUNS)
    return {
      kind: 'pronoun',
      antecedent: PRONOUNS[first.lower]!,
      gender: GENDERED_WORDS[first.lower] ?? null,
    };
  const text = (from: number, to: number) => source.slice(tokens[from]!.start, tokens[to - 1]!.end);
  const hasThe = /^(the)$/.test(first.lower);
  const hasArticle = /^(a|an|one)$/.test(first.lower);
  const body = hasThe || hasArticle ? start + 1 : start;
  if (body >= end) return null;
  const last = tokens[end - 1]!;
  // "of Elm Tree Lane", "at Victoria Park": a place, whatever its words.
  if (
    isCapitalised(last) &&
    PLACE_WORDS.has(baseOf(last)) &&
    PLACE_PREPOSITIONS.has(tokens[start - 1]?.lower ?? '')
  ) {
    return { kind: 'organisation', name: text(body, end) };
  }

  // "Prime Minister Jane Roe's office", "the ministry's spokesman": an organisation.
  if (!isCapitalised(last) && end - 1 > body && isPossessive(tokens[end - 2]!)) {
    return { kind: 'organisation', name: text(body, end) };
  }
  if (!isCapitalised(last)) {
    if (DOCUMENT_HEADS.has(last.lower)) return null;
    return { kind: 'description', name: text(body, end) };
  }
  // "A spokesperson for Britain's Department for Business and Trade": a description, unless a
  // person's full name ends it.
  const headAt = tokens
    .slice(body, end)
    .findIndex(
      (t, k) => !isCapitalised(t) && isLowerHead(t) && CONNECTORS.has(tokens[body + k + 1]?.lower ?? ''),
    );
  if (headAt >= 0 && !endsWithPersonName(tokens, body + headAt + 2, end)) {
    return { kind: 'description', name: text(body, end) };
  }
  // The name is the run of capitalised words after the last title or connector.
  let nameStart = end;
  while (nameStart > body) {
    const t = tokens[nameStart - 1]!;
    const particle =
      NAME_PARTICLES.has(t.lower) && isCapitalised(tokens[nameStart - 2]) && nameStart - 1 > body;
    // A surname that is also a title ("Martin Luther King", "John Major") ends a name.
    const surname =
      nameStart === end &&
      isCapitalised(tokens[nameStart - 2]) &&
      !TITLE_WORDS.has(baseOf(tokens[nameStart - 2]!));
    // "Ms Venn's report": the possessive ends the name; one earlier in the run ends a title.
    const owner = isPossessive(t) && nameStart < end;
    if (!particle && !surname && (!isCapitalised(t) || TITLE_WORDS.has(baseOf(t)) || owner)) break;
    nameStart--;
  }
  if (nameStart === end) {
    return hasThe ? { kind: 'organisation', name: text(body, end) } : null;
  }
  const nameTokens = tokens.slice(nameStart, end);
  const orgLike =
    hasThe ||
    nameTokens.some((t) => ORGANISATION_WORDS.has(baseOf(t))) ||
    (nameTokens.length >= 2 && PLACE_PREFIXES.has(nameTokens[0]!.lower) && nameStart === body);
  if (orgLike && nameStart === body) return { kind: 'organisation', name: text(body, end) };
  // A long capitalised run after a place ("in New York Dana Levi"): the name is its last two
  // words, with any name particle before them.
  let from = nameStart;
  const limit = nameStart === body ? 3 : 2;
  if (end - from > limit || (orgLike && end - from > 1)) {
    from = end - 2;
    while (from > nameStart && NAME_PARTICLES.has(tokens[from]!.lower)) from--;
  }
  const prefixTokens = tokens.slice(body, from);
  // "State Capitol in Phoenix": one word after a connector is a place, not a titled person; but in
  // "Mayor Ken Stinson of Falmouth" the full name before the connector is the person, and the place
  // where they are mayor.
  if (end - from === 1 && CONNECTORS.has(tokens[from - 1]?.lower ?? '') && from > body) {
    const connector = from - 1;
    let personStart = connector;
    while (
      personStart > body &&
      isCapitalised(tokens[personStart - 1]) &&
      !TITLE_WORDS.has(baseOf(tokens[personStart - 1]!)) &&
      !isPossessive(tokens[personStart - 1]!)
    ) {
      personStart--;
    }
    const person = tokens.slice(personStart, connector);
    const personLike =
      /^(of|from)$/.test(tokens[connector]!.lower) &&
      person.length >= 2 &&
      person.every((t) => !ORGANISATION_WORDS.has(baseOf(t)) && !PLACE_WORDS.has(baseOf(t)));
    if (personLike) {
      const title = personStart > body ? cleanRole(text(body, personStart)) : null;
      return {
        kind: 'person',
        name: text(personStart, connector),
        role: title,
        titled: title !== null,
        gender: genderOf(tokens.slice(body, personStart).map((t) => t.text)),
      };
    }
    return { kind: 'organisation', name: text(from, end) };
  }
  const hasTitle = prefixTokens.some(
    (t) => !isPossessive(t) && (TITLE_WORDS.has(baseOf(t)) || isLowerHead(t) || ROLE_MODIFIERS.has(t.lower)),
  );
  if (prefixTokens.length > 0 && !hasTitle && orgLike) return { kind: 'organisation', name: text(body, end) };
  if (prefixTokens.length > 0 && !hasTitle) {
    // "Shares in Halvard": capitalised words that are no title; a name only if a full one.
    return end - from >= 2
      ? { kind: 'person', name: text(from, end), role: null, titled: false, gender: null }
      : { kind: 'organisation', name: text(from, end) };
  }
  const prefix = from > body ? cleanRole(text(body, from)) : null;
  // "Mr." or "Dr." alone marks a person but is not a role worth showing.
  const honorificOnly = prefix !== null && HONORIFICS.has(prefix.toLowerCase().replace(/\.$/, ''));
  const role = honorificOnly ? null : prefix;
  // "Jane Roe's (office)": the person is named without the possessive.
  return {
    kind: 'person',
    name: text(from, end).replace(/['’]s?$/, ''),
    role,
    titled: prefix !== null,
    gender: genderOf(prefixTokens.map((t) => t.text)),
  };
}

/** Two or more capitalised words, no organisation word among them, end tokens[from, end). */
function endsWithPersonName(tokens: Token[], from: number, end: number): boolean {
  let k = end;
  while (k > from && isCapitalised(tokens[k - 1]) && !TITLE_WORDS.has(baseOf(tokens[k - 1]!))) k--;
  const run = tokens.slice(k, end);
  return (
    run.length >= 2 && k > from && !run.some((t) => ORGANISATION_WORDS.has(baseOf(t)) || isPossessive(t))
  );
}

function cleanRole(role: string): string | null {
  // A full stop is kept: it ends an abbreviated title ("Gov.", "Sen.").
  const cleaned = role.replace(/[\s,]+$/, '').trim();
  return cleaned.length > 0 ? cleaned : null;
}
