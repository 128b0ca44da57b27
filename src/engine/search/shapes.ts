/**
 * Answer shapes: whether a sentence holds the kind of thing a question asks for — a name for *who*, a
 * date for *when*, a place for *where*, a number for *how many*, a reason for *why*.
 */
import { DEFAULT_ANALYSIS, keyTerm, type Token } from '../text/analysis.ts';
import type { QuestionAnalysis, QuestionShape } from './question.ts';

/** Shapes whose answer must hold what they ask for: a name, a number, a date. */
const GATED_SHAPES: ReadonlySet<QuestionShape> = new Set(['person', 'number', 'date', 'place']);

/** Whether a passage without what the shape asks for cannot answer ("how many" needs a number). */
export function shapeGatesAnswers(shape: QuestionShape): boolean {
  return GATED_SHAPES.has(shape);
}

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
export function answersShape(q: QuestionAnalysis, tokens: readonly Token[]): boolean {
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
