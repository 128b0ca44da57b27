/**
 * Who said a quotation: the small grammar of attribution in English news copy, read in a
 * paragraph's masked narrative ({@link Paragraph}).
 */
import { sentenceOf, type Paragraph, type Token } from './narrative.ts';
import { describePhrase, phraseAt, phraseBefore } from './phrases.ts';
import type { Position, Speaker, SpeakerRegistry } from './speakers.ts';
import {
  isBeVerb,
  isLowerTitle,
  isParticiple,
  isSentenceWord,
  isSpeechVerb,
  isSpeechVerbAt,
  isVerbModifier,
} from './words.ts';

/** Records every person and organisation the narrative names, in reading order. */
export function noteMentions(p: Paragraph, registry: SpeakerRegistry): void {
  const { tokens } = p;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || !/^\p{Lu}/u.test(t.text)) continue;
    if (isSentenceWord(t) && t.lower !== 'the') continue;
    const from = i > 0 && tokens[i - 1]!.lower === 'the' ? i - 1 : i;
    const ahead = phraseAt(tokens, from);
    if (!ahead) continue;
    // Walk back too, for the lower-case words of a role: "former Mayor Victor Alvarez".
    const behind = phraseBefore(tokens, ahead[1]);
    const range: [number, number] = [Math.min(ahead[0], behind?.[0] ?? ahead[0]), ahead[1]];
    const at = { block: p.block.index, offset: tokens[range[0]]!.start };
    const mention = describePhrase(tokens, range[0], range[1], p.masked);
    if (mention && mention.kind !== 'pronoun') {
      // The owner of "X's office" is named too, for a later "he".
      const owner = tokens.slice(range[0], range[1]).findIndex((tok) => /['’]s?$/.test(tok.text));
      if (mention.kind === 'organisation' && owner > 0) {
        const ownerMention = describePhrase(tokens, range[0], range[0] + owner + 1, p.masked);
        if (ownerMention) registry.note(ownerMention, at);
      }
      registry.note(mention, at);
    }
    i = range[1] - 1;
  }
}

/**
 * The canonical speaker a phrase of the paragraph names, pronouns resolved. `role` is a role the
 * sentence gives apart from the name ("Jane Roe, a spokeswoman for the agency, said").
 */
function speakerOf(
  p: Paragraph,
  range: [number, number] | null,
  registry: SpeakerRegistry,
  role: string | null = null,
): Speaker | null {
  if (!range) return null;
  const mention = describePhrase(p.tokens, range[0], range[1], p.masked);
  if (!mention) return null;
  const at: Position = { block: p.block.index, offset: p.tokens[range[0]]!.start };
  if (mention.kind === 'pronoun') return registry.resolvePronoun(mention.antecedent, at);
  if (mention.kind === 'person' && mention.role === null && role) mention.role = role;
  return registry.note(mention, at);
}

/** The words of tokens[from, to) as written in the masked text. */
function wordsOf(p: Paragraph, from: number, to: number): string {
  return to > from ? p.masked.slice(p.tokens[from]!.start, p.tokens[to - 1]!.end) : '';
}

/**
 * An apposition giving a role: ", a former pop star turned campaigner," → "former pop star turned
 * campaigner"; ", president of Local 12," → "president of Local 12". tokens[from] is the word after
 * the comma; the apposition ends at a comma, a stop or `limit`, and its role at "who" or "which".
 */
function appositiveRole(p: Paragraph, from: number, limit: number): { role: string; end: number } | null {
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

/**
 * A speaker phrase and what stands in apposition after it: the person a description names ("the
 * company's chief executive, Tomas Lindqvist") or the role a name is given ("Jane Roe, a
 * spokeswoman"). `end` is the token after the whole.
 */
function withApposition(
  p: Paragraph,
  range: [number, number],
  limit: number,
): { range: [number, number]; role: string | null; end: number } {
  const { tokens } = p;
  const plain = { range, role: null, end: range[1] };
  if (tokens[range[1]]?.text !== ',') return plain;
  const mention = describePhrase(tokens, range[0], range[1], p.masked);
  const name = phraseAt(tokens, range[1] + 1);
  if (mention?.kind === 'description' && name) {
    const named = describePhrase(tokens, name[0], name[1], p.masked);
    const after = tokens[name[1]];
    if (
      named?.kind === 'person' &&
      named.name.includes(' ') &&
      (!after || name[1] >= limit || /^[,.;]$/.test(after.text))
    ) {
      return {
        range: name,
        role: wordsOf(p, range[0], range[1]).replace(/^(the|a|an)\s+/i, ''),
        end: name[1],
      };
    }
  }
  const apposition = appositiveRole(p, range[1] + 1, limit);
  if (apposition) return { range, role: apposition.role, end: apposition.end };
  if (/^(who|whose|which)$/.test(tokens[range[1] + 1]?.lower ?? '')) {
    // "one resident, who asked not to be named, told Reuters": past the relative clause.
    const comma = tokens.findIndex((t, k) => k > range[1] + 1 && k < limit && t.text === ',');
    if (comma > 0) return { range, role: null, end: comma };
  }
  return plain;
}

/** A quotation already attributed in the same paragraph: which sentence it stands in, who said it. */
export interface AttributedQuote {
  sentence: number;
  speaker: Speaker | null;
}

/**
 * Finds the speaker of quotation `k` of a paragraph from its own sentence; `earlier` are the
 * paragraph's quotations before it, whose speaker a later one in their sentence may continue.
 */
export function attributeQuote(
  p: Paragraph,
  k: number,
  earlier: readonly AttributedQuote[],
  registry: SpeakerRegistry,
): Speaker | null {
  const { tokens } = p;
  const qi = tokens.findIndex((t) => t.quote === k);
  const [s0, s1] = p.sentences.find(([a, b]) => qi >= a && qi < b) ?? [0, tokens.length];
  const previousQuote = earlier.filter((f) => f.sentence === sentenceOf(p, qi)).at(-1);

  const after = speakerAfter(p, qi, s1, registry);
  if (after) return after;

  const before = speakerBefore(p, qi, s0, previousQuote?.speaker ?? null, registry);
  if (before !== undefined) return before;
  if (tokens[qi - 1]?.text === ':' && !previousQuote) {
    // "Keisha Morgan put it simply: '…'": a clause about its subject, then the subject's words.
    const subject = speakerOf(p, subjectOf(tokens, s0, qi), registry);
    if (subject && subject.kind !== 'description') return subject;
  }
  const according = accordingTo(tokens, s0, s1);
  if (according) {
    const full = withApposition(p, according, s1);
    return speakerOf(p, full.range, registry, full.role);
  }
  return previousQuote?.speaker ?? null;
}

/**
 * The speaker named by the nearest speech verb before token `qi` (a quotation, or the end of a
 * paragraph that ends "said:"), back to the previous quotation or the sentence start `s0`.
 * Undefined when there is no speech verb; null when there is one but no speaker can be told.
 */
function speakerBefore(
  p: Paragraph,
  qi: number,
  s0: number,
  previousSpeaker: Speaker | null,
  registry: SpeakerRegistry,
): Speaker | null | undefined {
  const { tokens } = p;
  let lo = s0;
  for (let i = qi - 1; i >= s0; i--) {
    if (tokens[i]!.kind === 'quote') {
      lo = i + 1;
      break;
    }
  }
  let v = -1;
  for (let i = qi - 1; i >= lo; i--) {
    if (isSpeechVerbAt(tokens, i)) {
      v = i;
      break;
    }
  }
  if (v < 0) return undefined;
  const inherit = () => previousSpeaker ?? speakerOf(p, subjectOf(tokens, s0, qi), registry);
  if (isParticiple(tokens[v]!)) return inherit();
  let j = v - 1;
  while (j >= s0 && isVerbModifier(tokens[j]) && !isBeVerb(tokens[j])) j--;
  const before = tokens[j];
  if (isBeVerb(before)) return null;
  if (before && /^(and|but|or|then)$/.test(before.lower)) return inherit();
  if (before?.text === ',' || before?.lower === 'who') {
    const comma = before.text === ',' ? lastIndexOf(tokens, ',', j - 1, s0) : j - 1;
    if (comma < s0) return null;
    // "The chief executive, Mark Lloyd, said": the name between the commas, the role before.
    const inner = before.text === ',' ? phraseAt(tokens, comma + 1) : null;
    const innerMention =
      inner && inner[1] === j ? describePhrase(tokens, inner[0], inner[1], p.masked) : null;
    if (inner && innerMention?.kind === 'person') {
      const outer = phraseBefore(tokens, comma);
      return speakerOf(
        p,
        inner,
        registry,
        outer ? wordsOf(p, outer[0], outer[1]).replace(/^(the|a|an)\s+/i, '') : null,
      );
    }
    // "X, who…, called it", "X, a spokeswoman, said" and "X, following…, said": the phrase before.
    const range = phraseBefore(tokens, comma);
    return range ? speakerOf(p, range, registry, appositiveRole(p, comma + 1, j + 1)?.role ?? null) : null;
  }
  const range = phraseBefore(tokens, j + 1);
  return range ? speakerOf(p, range, registry) : null;
}

/** The speaker of a paragraph that ends by introducing a quotation ("Jane Roe said:"), or null. */
export function introducedSpeaker(p: Paragraph, registry: SpeakerRegistry): Speaker | null {
  const last = p.tokens[p.tokens.length - 1];
  if (!last || last.text !== ':' || p.spans.some((span) => !span.closed)) return null;
  const [s0] = p.sentences[p.sentences.length - 1] ?? [0];
  return speakerBefore(p, p.tokens.length - 1, s0, null, registry) ?? null;
}

/**
 * Whether the sentence of token `qi` reports speech: it has a speech verb (not a passive) or
 * "according to". A short quotation there is someone's words even when they cannot be named.
 */
export function isReportedSpeech(p: Paragraph, qi: number): boolean {
  const { tokens } = p;
  const [s0, s1] = p.sentences.find(([a, b]) => qi >= a && qi < b) ?? [0, tokens.length];
  for (let i = s0; i < s1; i++) {
    if (tokens[i]!.lower === 'according' && tokens[i + 1]?.lower === 'to') return true;
    if (!isSpeechVerbAt(tokens, i)) continue;
    let j = i - 1;
    while (j >= s0 && isVerbModifier(tokens[j]) && !isBeVerb(tokens[j])) j--;
    if (!isBeVerb(tokens[j])) return true;
  }
  return false;
}

function lastIndexOf(tokens: Token[], text: string, from: number, lo: number): number {
  for (let i = from; i >= lo; i--) if (tokens[i]!.text === text) return i;
  return -1;
}

/** `"…," Roe said` · `"…," said Jane Roe` · `"…," according to the ministry`. */
function speakerAfter(p: Paragraph, qi: number, s1: number, registry: SpeakerRegistry): Speaker | null {
  const { tokens } = p;
  let i = qi + 1;
  // A quotation's own stop stays in the masked text: `"Why now?" asked Lisa Grant.`
  while (i < s1 && tokens[i]!.kind === 'punct' && /^[,:;—–?!.…-]$/.test(tokens[i]!.text)) i++;
  const t = tokens[i];
  if (!t || i >= s1 || t.kind !== 'word') return null;
  if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
    const range = phraseAt(tokens, i + 2);
    const full = range ? withApposition(p, range, s1) : null;
    return full ? speakerOf(p, full.range, registry, full.role) : null;
  }
  if (isSpeechVerb(t) && !isParticiple(t)) {
    // `said Jane Roe, a former pop star turned campaigner.`
    const range = phraseAt(tokens, i + 1);
    const full = range ? withApposition(p, range, s1) : null;
    return full ? speakerOf(p, full.range, registry, full.role) : null;
  }
  const range = phraseAt(tokens, i);
  if (!range) return null;
  // An apposition between speaker and verb: "Jane Roe, a spokeswoman, said".
  const full = withApposition(p, range, s1);
  let j = full.end;
  if (j > range[1] && tokens[j]?.text === ',') j++;
  else if (j > range[1]) return null;
  while (j < s1 && isVerbModifier(tokens[j]) && !isBeVerb(tokens[j])) j++;
  return j < s1 && isSpeechVerbAt(tokens, j) && !isParticiple(tokens[j]!)
    ? speakerOf(p, full.range, registry, full.role)
    : null;
}

/** "according to X" anywhere in the sentence's narrative. */
function accordingTo(tokens: Token[], s0: number, s1: number): [number, number] | null {
  for (let i = s0; i < s1 - 2; i++) {
    if (tokens[i]!.lower === 'according' && tokens[i + 1]!.lower === 'to') return phraseAt(tokens, i + 2);
  }
  return null;
}

/** The subject of a sentence's main clause, after any opening phrase ("In January, …"). */
function subjectOf(tokens: Token[], s0: number, limit: number): [number, number] | null {
  let i = s0;
  while (i < limit && /^(but|and|yet|so)$/.test(tokens[i]!.lower)) i++;
  const first = tokens[i];
  if (!first || first.kind !== 'word') return null;
  const opener =
    (isSentenceWord(first) && !/^(the|a|an)$/.test(first.lower)) ||
    /^\p{Lu}\p{Ll}+(ed|ing)$/u.test(first.text);
  if (opener) {
    const comma = tokens.findIndex((t, k) => k > i && k < limit && t.text === ',');
    if (comma === -1) return null;
    i = comma + 1;
  }
  return phraseAt(tokens, i);
}
