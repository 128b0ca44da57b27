/**
 * Aliases learnt from the corpus itself, so a question can name a thing the way one paragraph
 * does while another paragraph names it differently:
 * - a role given before a name ("Prime Minister Jane Roe", "special envoy Tom Reed"):
 *   the person's name finds the role and the role finds the name ("Roe's office" finds
 *   "the Prime Minister's Office");
 * - an acronym spelt out in brackets ("Kenya Defence Forces (KDF)");
 * - a place and its demonym when both occur ("Kenya" and "Kenyan").
 * All terms are key terms (see analysis.ts).
 */
import {
  STOP_WORDS,
  TITLE_ABBREVIATIONS,
  keyTerm,
  keyTerms,
  tokenize,
  type AnalysisOptions,
} from '../text/analysis.ts';
import type { Article } from '../types.ts';

/** Nouns that name a role when they stand right before a person's name. */
const ROLE_NOUNS = new Set(
  `president premier minister secretary envoy ambassador consul spokesman spokeswoman spokesperson chancellor
governor senator mayor king queen prince chief director ceo chairman chairwoman chair commander general
official leader adviser advisor aide negotiator representative judge justice attorney prosecutor coach
captain founder executive editor correspondent analyst professor economist researcher lawmaker mp`.split(
    /\s+/,
  ),
);

/** Role nouns too general to stand for one person: "the official" finds no name. */
const GENERIC_ROLES = new Set(
  'official leader executive director aide adviser advisor representative analyst researcher chief general founder'.split(
    ' ',
  ),
);

/** Up to this many words before the role noun belong to the role ("White House Press Secretary"). */
const MAX_ROLE_WORDS = 4;

/** What the corpus says may stand for what. All terms are key terms. */
export interface Aliases {
  /** Term → terms that may stand for it (a role for a surname, a surname for a title, a demonym for a place). */
  byTerm: ReadonlyMap<string, readonly string[]>;
  /** Acronyms the corpus spells out: the acronym finds its expansion (all its terms) and the expansion the acronym. */
  acronyms: readonly { acronym: string; expansion: readonly string[] }[];
}

export const NO_ALIASES: Aliases = { byTerm: new Map(), acronyms: [] };

/** Builds the aliases of a corpus. */
export function buildAliases(articles: readonly Article[], analysis: AnalysisOptions): Aliases {
  return mergeAliases(
    articles.map((a) => aliasPartsOf(a, analysis)),
    analysis,
  );
}

/**
 * What one article contributes to the corpus's aliases, in the order it finds them. Plain data, so
 * the disk cache keeps it per article and a changed article is the only one read again.
 */
export interface AliasParts {
  /** `[from, to]`: `to` may stand for `from`. */
  points: [string, string][];
  /** `[acronym, expansion terms]`. */
  acronyms: [string, string[]][];
  /** Normalised capitalised words, for demonyms (which need the whole corpus). */
  names: string[];
}

/** One article's alias parts (see {@link AliasParts}). */
export function aliasPartsOf(article: Article, analysis: AnalysisOptions): AliasParts {
  const points: [string, string][] = [];
  const acronyms: [string, string[]][] = [];
  const names = new Set<string>();
  for (const block of article.blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'caption') continue;
    for (const { role, title, name } of rolesBeforeNames(block.text)) {
      // The surname finds every word of the role; only the title itself ("Prime Minister",
      // "envoy") finds the surname, not the qualifiers ("US", "senior union") that other
      // passages use for other things.
      const surname = keyTerms(name.split(' ').pop()!, analysis)[0];
      if (!surname) continue;
      for (const r of keyTerms(role, analysis)) points.push([surname, r]);
      if (!title.includes(' ') && GENERIC_ROLES.has(title.toLowerCase())) continue;
      for (const r of keyTerms(title, analysis)) points.push([r, surname]);
    }
    for (const { expansion, acronym } of spelledOutAcronyms(block.text)) {
      acronyms.push([acronym.toLowerCase(), keyTerms(expansion, analysis)]);
    }
    for (const t of tokenize(block.text)) if (t.kind === 'name') names.add(t.norm);
  }
  return { points, acronyms, names: [...names] };
}

/** The corpus's aliases from its articles' parts, in article order. */
export function mergeAliases(parts: readonly AliasParts[], analysis: AnalysisOptions): Aliases {
  const byTerm = new Map<string, Set<string>>();
  /** `to` may stand for `from`. */
  const point = (from: string, to: string) => {
    if (from === to) return;
    if (!byTerm.has(from)) byTerm.set(from, new Set());
    byTerm.get(from)!.add(to);
  };
  const acronyms = new Map<string, string[]>();
  const names = new Set<string>();
  for (const part of parts) {
    for (const [from, to] of part.points) point(from, to);
    for (const [acronym, expansion] of part.acronyms) acronyms.set(acronym, expansion);
    for (const name of part.names) names.add(name);
  }
  for (const place of names) {
    for (const demonym of demonymsOf(place)) {
      if (!names.has(demonym)) continue;
      const [a, b] = [keyTerm(nameToken(place), analysis)!, keyTerm(nameToken(demonym), analysis)!];
      point(a, b);
      point(b, a);
    }
  }
  return {
    // A word that may stand for many things stands for none in particular ("minister" before
    // hundreds of surnames in a large corpus): it is left to match itself.
    byTerm: new Map(
      [...byTerm].filter(([, to]) => to.size <= MAX_ALIASES_PER_TERM).map(([from, to]) => [from, [...to]]),
    ),
    acronyms: [...acronyms].map(([acronym, expansion]) => ({ acronym, expansion })),
  };
}

/** A term with more aliases than this has none (see {@link mergeAliases}). */
const MAX_ALIASES_PER_TERM = 8;

function nameToken(norm: string) {
  return { raw: norm, norm, kind: 'name' as const };
}

/**
 * "White House Press Secretary Jane Roe" → role "White House Press Secretary", title
 * "Press Secretary" (the role noun and a capitalised word joined to it), name "Jane Roe".
 */
export function rolesBeforeNames(text: string): { role: string; title: string; name: string }[] {
  const out: { role: string; title: string; name: string }[] = [];
  const words = text.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.toLowerCase();
    const noun = TITLE_ABBREVIATIONS[word.replace(/\.$/, '')] ?? word;
    if (!ROLE_NOUNS.has(noun)) continue;
    const name: string[] = [];
    for (let j = i + 1; j < words.length && name.length < 3; j++) {
      const w = words[j]!;
      if (!/^\p{Lu}[\p{L}'’-]*[,.]?$/u.test(w)) break;
      name.push(w.replace(/[,.]$/, ''));
      if (/[,.]$/.test(w)) break;
    }
    if (name.length < 2) continue;
    const role: string[] = [words[i]!];
    for (let j = i - 1; j >= 0 && role.length <= MAX_ROLE_WORDS; j--) {
      const w = words[j]!;
      // Stop at punctuation, a possessive ("Lopez's special envoy"), a function word or a verb ("said").
      if (/[,.;:!?"“”()]|['’]s$/.test(w) || !/^[\p{L}-]+$/u.test(w) || STOP_WORDS.has(w.toLowerCase())) break;
      role.unshift(w);
    }
    const before = role[role.length - 2];
    const joined = before && /^\p{Lu}\p{Ll}+$/u.test(before) && /^\p{Lu}/u.test(words[i]!);
    out.push({
      role: role.join(' '),
      title: joined ? `${before} ${words[i]}` : words[i]!,
      name: name.join(' '),
    });
  }
  return out;
}

/** "Kenya Defence Forces (KDF)" → expansion and acronym, when the initials agree. */
export function spelledOutAcronyms(text: string): { expansion: string; acronym: string }[] {
  const out: { expansion: string; acronym: string }[] = [];
  for (const m of text.matchAll(
    /((?:\p{Lu}[\p{L}-]*\s+(?:(?:of|and|for|the|on)\s+)?){2,7})\(([\p{Lu}]{2,8})\)/gu,
  )) {
    const words = m[1]!.trim().split(/\s+/);
    const acronym = m[2]!;
    const capitals = words.filter((w) => /^\p{Lu}/u.test(w));
    // Take the last words whose initials spell the acronym.
    const tail = capitals.slice(-acronym.length);
    if (tail.map((w) => w[0]).join('') === acronym) out.push({ expansion: tail.join(' '), acronym });
  }
  return out;
}

/** Demonym forms of a place name: Kenya → Kenyan, Syria → Syrian, Lebanon → Lebanese. */
export function demonymsOf(place: string): string[] {
  const stem = place.replace(/[aeo]$/, '');
  return [
    `${place}i`,
    `${place}n`,
    `${place}an`,
    `${place}ian`,
    `${stem}an`,
    `${stem}ian`,
    `${place}ese`,
    `${stem}ese`,
    `${place}ish`,
  ];
}
