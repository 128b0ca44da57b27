/**
 * Extractive summaries: every sentence shown is a sentence of the article's body, cited, in article
 * order. Sentences are chosen by combining position (news puts the most important facts first) with
 * centrality (TextRank: PageRank over a sentence similarity graph), and redundancy is removed with
 * maximal marginal relevance, so that a summary carries more distinct facts than the opening alone.
 *
 * Faithfulness comes first: a sentence whose meaning depends on an earlier one (it opens with a
 * pronoun, a connective or a definite reference, or names by surname someone introduced earlier in
 * full) is only shown together with the sentence it depends on; a quotation that runs over several
 * sentences is shown whole or not at all.
 */
import { analyze, keyTerms, tokenize } from '../text/analysis.ts';
import { UserError } from '../errors.ts';
import { citationOf } from '../search/citation.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { sentenceSpans } from '../text/sentences.ts';
import type { Article, Block, Summary, SummarySentence } from '../types.ts';

/** Longest focus accepted, in characters: a topic, not a question. */
export const MAX_FOCUS_LENGTH = 100;

/** How long a summary is: a name a reader can choose. */
export type SummaryLength = 'short' | 'medium' | 'long';

/** The most sentences each length may show. */
export const SUMMARY_LENGTHS: Readonly<Record<SummaryLength, number>> = { short: 3, medium: 5, long: 8 };

/** True when `value` names a summary length. */
export function isSummaryLength(value: string): value is SummaryLength {
  return Object.hasOwn(SUMMARY_LENGTHS, value);
}

/** How relevant one body block is to a focus topic. */
export interface FocusMatch {
  /** Higher is more relevant; any scale. */
  score: number;
  /**
   * The block's sentence that best speaks of the topic, as the ranking judged it (it may match
   * through a synonym the focus does not spell out); null when the ranking does not say.
   */
  sentence: string | null;
}

/**
 * Scores the body blocks of an article for a focus topic: block index → match. Blocks absent from
 * the map do not speak about the topic; an empty map means the article does not mention it. Byline
 * passes its question retrieval here, so that `/summary focus:` and `/ask` agree on what is relevant.
 */
export type FocusRelevance = (focus: string, article: Article) => ReadonlyMap<number, FocusMatch>;

export interface SummaryOptions {
  /** How many sentences at most (see {@link SUMMARY_LENGTHS}). Default 'medium'. */
  length: SummaryLength;
  /**
   * A topic: summarise what the article says about it. Null for a general summary. When the article
   * does not speak of the topic, the summary has no sentences (the article "doesn't say").
   */
  focus: string | null;
  /** Ranks blocks for a focus. Default {@link termRelevance}: key-term overlap weighted by rarity. */
  relevance: FocusRelevance;
  /**
   * Share of a sentence's importance that comes from its position; centrality, headline similarity and
   * specificity share the rest. Default 0.35: the news opening is a strong baseline on its own (about
   * 40 ROUGE-1 on CNN/DailyMail against about 33 for TextRank alone), so position is the largest single
   * share, but not a majority, or the summary would only repeat the opening.
   */
  leadWeight: number;
  /**
   * How fast the position bonus falls: a sentence unit at position `i` (0-based) gets
   * `1 / (1 + i / leadDecay)`. Default 3: the fourth unit is worth half the first and the thirteenth
   * a fifth, so the bonus fades over the top of the story, where news puts what matters.
   */
  leadDecay: number;
  /**
   * Share of importance that comes from similarity to the headline and standfirst, which say what
   * the article is about. Default 0.15: a hint, not a ranking; taken out of the centrality share.
   */
  titleWeight: number;
  /**
   * Share of importance that comes from specificity: how many distinct numbers, names and acronyms a
   * sentence carries, per word. News facts are mostly who, how many and when; a sentence of
   * generalities ("That pattern surprised the planners") carries fewer of them. Default 0.15, taken
   * out of the centrality share.
   */
  specificityWeight: number;
  /**
   * How much less a sentence weighs when it is all quotation: its importance is multiplied by
   * `1 - quotePenalty × (share of its words inside quotation marks)`. Quotations give reactions and
   * colour more often than the facts a summary must carry. Default 0.3.
   */
  quotePenalty: number;
  /** PageRank damping factor for sentence centrality. Default 0.85, TextRank's and PageRank's value. */
  damping: number;
  /** PageRank iterations at most; it stops earlier once scores move less than 1e-6. Default 100. */
  maxIterations: number;
  /**
   * Maximal marginal relevance trade-off: 1 ranks on importance alone, 0 on novelty alone (the share
   * of a sentence's term weight not yet covered by the summary). Default 0.85: importance differences
   * are small past the opening, so a small weight on novelty is enough to pass over a sentence that
   * repeats what is already said.
   */
  mmrLambda: number;
  /**
   * Cosine similarity (over TF-IDF term vectors) above which a sentence counts as a repeat of one
   * already chosen and is never added. Default 0.8: rewordings of one fact, not two facts on one subject.
   */
  duplicateSimilarity: number;
  /**
   * Sentences shorter than this many words are not chosen on their own ("He declined.", "Read more.").
   * Default 5. A short sentence inside a chosen quotation is still shown.
   */
  minWords: number;
  /**
   * In a focused summary, share of importance that comes from the focus relevance, the rest from
   * the general importance. Default 0.8: the topic decides, position and centrality break ties.
   */
  focusWeight: number;
  /**
   * In a focused summary, a sentence that does not contain a word of the focus is used only when
   * the ranking picked it as its block's best sentence and the block scores at least this share of
   * the best block. Default 0.6: retrieval expands the focus with related words, which finds the
   * passages about it but also grazes ones that are not.
   */
  focusThreshold: number;
}

/** Defaults for {@link SummaryOptions}. */
export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = {
  length: 'medium',
  focus: null,
  relevance: termRelevance,
  leadWeight: 0.35,
  leadDecay: 3,
  titleWeight: 0.15,
  specificityWeight: 0.15,
  quotePenalty: 0.3,
  damping: 0.85,
  maxIterations: 100,
  mmrLambda: 0.85,
  duplicateSimilarity: 0.8,
  minWords: 5,
  focusWeight: 0.8,
  focusThreshold: 0.6,
};

/** One sentence of an article's body, as a summary may show it. */
export interface BodySentence {
  text: string;
  block: Block;
}

/**
 * Lines inside body paragraphs that are not the story: wire sign-offs, credits, corrections notes,
 * calls to action. Shared conventions of English news sites.
 */
const FURNITURE_SENTENCE: RegExp[] = [
  /^\(?\s*(additional )?(reporting|writing|editing|compiled|research|graphics) by\b/i,
  /\bcontributed (reporting )?to this (report|story|article)\b/i,
  /^(this|the) (story|article|report) (has been|was) (updated|corrected|amended)\b/i,
  /^(sign up|subscribe|click here|follow us|read more|read the full|download|share this)\b/i,
  /^(correction|editor'?s note|clarification)\s*:/i,
  /^(have a (question|tip|story)\b.*\?|(email|contact|write to) (us|the newsroom|the author|the reporter)\b)/i,
  /^(photograph|photo|picture|image|illustration|video)s?\s*:/i,
  /[\w.+-]+@[\w-]+\.[\w.]+/,
];

/** A photo credit standing as its own sentence: "Photograph: Jane Doe/Getty Images". */
const CREDIT_SENTENCE = /^(photograph|photo|picture|image|illustration)s?\s*:/i;

/** The sentences of an article's body paragraphs, in reading order, furniture excluded. */
export function bodySentences(article: Article): BodySentence[] {
  const out: BodySentence[] = [];
  for (const block of article.blocks) {
    if (block.kind !== 'paragraph') continue;
    const spans = sentenceSpans(block.text);
    // A paragraph that ends in a photo credit is a caption the parser did not recognise.
    if (spans.length > 1 && CREDIT_SENTENCE.test(spans.at(-1)!.text.trim())) continue;
    for (const span of spans) {
      if (FURNITURE_SENTENCE.some((re) => re.test(span.text.trim()))) continue;
      out.push({ text: span.text, block });
    }
  }
  return out;
}

/**
 * Summarises an article in its own sentences. With a focus, only sentences of blocks the relevance
 * function finds are chosen; none found gives a summary with no sentences. Throws UserError when the
 * article speaks of the focus only in sentences that need more context than the length allows.
 */
export function summarize(article: Article, options: Partial<SummaryOptions> = {}): Summary {
  const opts: SummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...options };
  const focus = opts.focus?.trim() ? opts.focus.trim() : null;
  const budget = SUMMARY_LENGTHS[opts.length];
  const units = buildUnits(bodySentences(article));
  const summary: Summary = { articleId: article.id, title: article.meta.title, focus, sentences: [] };
  if (units.length === 0) return summary;

  const vectors = tfidfVectors(units.map((u) => u.text));
  const similarity = units.map((_, i) =>
    units.map((_, j) => (i === j ? 1 : cosine(vectors[i]!, vectors[j]!))),
  );
  const centrality = normalizeMax(pageRank(similarity, opts.damping, opts.maxIterations));
  const heading = article.blocks
    .filter((b) => b.kind === 'headline' || b.kind === 'standfirst')
    .map((b) => b.text)
    .join(' ');
  const headingVector = tfidfVectors(
    [heading],
    units.map((u) => u.text),
  )[0]!;
  const aboutTitle = normalizeMax(vectors.map((v) => cosine(v, headingVector)));

  const specificity = normalizeMax(units.map((u) => specificTerms(u.text)));
  const centralShare = Math.max(0, 1 - opts.leadWeight - opts.titleWeight - opts.specificityWeight);
  let importance = units.map(
    (_, i) =>
      opts.leadWeight / (1 + i / opts.leadDecay) +
      centralShare * centrality[i]! +
      opts.titleWeight * aboutTitle[i]! +
      opts.specificityWeight * specificity[i]!,
  );
  // Quoted words carry reactions more often than facts: a mostly quoted sentence weighs less.
  importance = importance.map((v, i) => v * (1 - opts.quotePenalty * quotedShare(units[i]!.text)));
  let eligible = units.map((u) => u.words >= opts.minWords);

  if (focus !== null) {
    const matches = opts.relevance(focus, article);
    const best = Math.max(0, ...[...matches.values()].map((m) => m.score));
    if (best <= 0) return summary;
    const focusTerms = new Set(keyTerms(focus));
    const focusScore = units.map((u) => {
      let block = 0;
      let named = false;
      for (const s of u.sentences) {
        const match = matches.get(s.block.index);
        if (!match) continue;
        block = Math.max(block, match.score / best);
        named ||=
          match.sentence !== null && (match.sentence.includes(s.text) || s.text.includes(match.sentence));
      }
      if (block <= 0) return 0;
      const terms = new Set(keyTerms(u.text));
      const overlap = focusTerms.size
        ? [...focusTerms].filter((t) => terms.has(t)).length / focusTerms.size
        : 0;
      // A sentence must speak of the topic itself, in the focus's words or as the ranking's own pick
      // of a strongly relevant paragraph; its neighbours in that paragraph may be about something else.
      if (overlap === 0 && !(named && block >= opts.focusThreshold)) return 0;
      return block * (0.4 + 0.6 * (named ? 1 : overlap));
    });
    eligible = eligible.map((e, i) => e && focusScore[i]! > 0);
    if (!eligible.some(Boolean)) return summary;
    const maxImportance = Math.max(...importance);
    importance = importance.map(
      (v, i) => opts.focusWeight * focusScore[i]! + (1 - opts.focusWeight) * (v / maxImportance),
    );
  }

  const chosen = selectUnits(units, importance, vectors, similarity, eligible, budget, opts);
  if (focus !== null && chosen.size === 0) {
    // The article does speak of the topic, but only in sentences that cannot be shown without
    // more context than this length holds: saying "it doesn't say" would be false.
    const longer = (Object.keys(SUMMARY_LENGTHS) as SummaryLength[]).find((l) => SUMMARY_LENGTHS[l] > budget);
    throw new UserError(
      'focus-needs-more-sentences',
      `What the article says about ${focus} takes more than ${budget} sentences to quote faithfully` +
        (longer ? `: try length ${longer}.` : '.'),
    );
  }
  summary.sentences = [...chosen]
    .sort((a, b) => a - b)
    .flatMap((i) => units[i]!.sentences)
    .map((s): SummarySentence => ({
      text: s.text,
      citation: citationOf(article, s.block),
      blockIndex: s.block.index,
    }));
  return summary;
}

/**
 * Greedy maximal marginal relevance under a sentence budget. Redundancy is the share of a unit's
 * term weight that the units already chosen cover, so a sentence earns its place by what it adds.
 * A unit that depends on earlier ones is considered together with the ones it needs (those not
 * chosen yet), as a group that fits the budget whole or not at all; the group is worth its members'
 * marginal relevance per sentence it costs, so a weak antecedent makes a strong sentence less attractive.
 */
function selectUnits(
  units: Unit[],
  importance: number[],
  vectors: Map<string, number>[],
  similarity: number[][],
  eligible: boolean[],
  budget: number,
  opts: SummaryOptions,
): Set<number> {
  const chosen = new Set<number>();
  const covered = new Set<string>();
  let used = 0;
  for (;;) {
    let best: { group: number[]; score: number } | null = null;
    for (let i = 0; i < units.length; i++) {
      if (!eligible[i] || chosen.has(i)) continue;
      const group = groupFor(units, i, chosen);
      if (!group) continue;
      const cost = group.reduce((n, g) => n + units[g]!.sentences.length, 0);
      if (used + cost > budget) continue;
      if (group.some((g) => [...chosen].some((c) => similarity[g]![c]! >= opts.duplicateSimilarity)))
        continue;
      const gain = group.reduce(
        (sum, g) =>
          sum + opts.mmrLambda * importance[g]! - (1 - opts.mmrLambda) * coveredShare(vectors[g]!, covered),
        0,
      );
      const score = gain / cost;
      if (!best || score > best.score) best = { group, score };
    }
    if (!best) return chosen;
    for (const g of best.group) {
      chosen.add(g);
      used += units[g]!.sentences.length;
      for (const t of vectors[g]!.keys()) covered.add(t);
    }
  }
}

/** The share of a term vector's weight on terms already covered. */
function coveredShare(vector: Map<string, number>, covered: ReadonlySet<string>): number {
  let total = 0;
  let seen = 0;
  for (const [t, w] of vector) {
    total += w;
    if (covered.has(t)) seen += w;
  }
  return total ? seen / total : 1;
}

/** Most antecedents one unit may bring in: past that, the unit is left out instead. */
const MAX_CHAIN = 3;

/**
 * The unit and the earlier units it needs that are not chosen yet, or null when its dependencies
 * cannot be met (too long a chain, or an antecedent that cannot be shown).
 */
function groupFor(units: Unit[], index: number, chosen: ReadonlySet<number>): number[] | null {
  const group = [index];
  const pending = [index];
  while (pending.length) {
    const unit = units[pending.pop()!]!;
    for (const need of unit.needs) {
      if (need.resolvedBy.some((r) => chosen.has(r) || group.includes(r))) continue;
      if (need.antecedent === null) return null;
      group.push(need.antecedent);
      pending.push(need.antecedent);
      if (group.length > MAX_CHAIN + 1) return null;
    }
  }
  return group;
}

/** What a unit needs shown before it to be understood. */
interface Need {
  /** Units any one of which, if chosen, makes the reference clear. */
  resolvedBy: number[];
  /** The unit to bring in when none is chosen: the nearest earlier one; null if there is none. */
  antecedent: number | null;
}

/** The atom of selection: one sentence, or the sentences of one quotation that runs over several. */
interface Unit {
  sentences: BodySentence[];
  text: string;
  words: number;
  needs: Need[];
}

/** Groups sentences into units (quotations kept whole) and finds what each unit refers back to. */
export function buildUnits(sentences: BodySentence[]): Unit[] {
  const units: Unit[] = [];
  let quote: QuoteState = CLOSED;
  let current: BodySentence[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const text = current.map((s) => s.text).join(' ');
    units.push({ sentences: current, text, words: text.split(/\s+/).length, needs: [] });
    current = [];
  };
  sentences.forEach((sentence, i) => {
    const previous = sentences[i - 1];
    const newParagraph = previous !== undefined && previous.block !== sentence.block;
    // A quotation runs on into the next paragraph only when that paragraph reopens it, as news
    // style does; otherwise the open mark was a slip and the unit ends with its paragraph.
    if (newParagraph && isOpen(quote) && !OPENS_WITH_QUOTE.test(sentence.text)) quote = CLOSED;
    // A sentence ending in a colon introduces what follows ("…, said:" then the quotation).
    const introduces = previous !== undefined && /:\s*$/.test(previous.text);
    if (!isOpen(quote) && !introduces) flush();
    current.push(sentence);
    quote = scanQuotes(sentence.text, quote);
  });
  flush();
  const names = units.map((u) => nameRuns(outsideQuotes(u.text)));
  units.forEach((unit, i) => {
    if (i > 0) unit.needs = findNeeds(units, names, i);
  });
  return units;
}

const OPENS_WITH_QUOTE = /^\s*[“"‘']/;

/** Words that, opening a sentence, point back to something said before. */
const REFERRING_OPENERS = new Set(
  `he she it they him her his its their them this that these those such both neither another either
however but and also meanwhile still instead moreover furthermore additionally besides likewise similarly
thus therefore hence then yet nonetheless nevertheless otherwise consequently accordingly regardless
indeed afterwards afterward later there's`.split(/\s+/),
);

/** Multi-word openings that point back. */
const REFERRING_PHRASES =
  /^(in addition|as a result|at the same time|on the other hand|by contrast|in contrast|even so|for (his|her|their|its) part|in turn|in response|the same|the latter|the former|the (two|three|four|five|pair|couple)\b)/i;

/** Nouns that, after "the" at a sentence's opening, usually take up something just mentioned. */
const ANAPHORIC_HEADS = new Set(
  `move decision announcement remarks comments statement incident attack deal agreement plan proposal measure
bill law report findings study pair couple man woman boy girl suspect victim company firm group official
officials spokesman spokeswoman spokesperson source sources rule policy change changes case ruling
letter order effort idea talks meeting agency department minister`.split(/\s+/),
);

/** Verbs of attribution: a pronoun beside one is a speaker the reader must already know. */
const SPEECH_VERBS =
  'said|says|say|adds|added|told|tells|wrote|writes|noted|notes|argued|argues|explained|explains|continued|continues|insisted|insists|warned|warns|stressed|stresses|asked|asks|replied|replies|recalled|recalls|acknowledged|acknowledges|admitted|admits|claimed|claims|declared|declares|conceded|concedes|suggested|suggests|went on|declined';

function findNeeds(units: Unit[], names: NameRun[][], index: number): Need[] {
  const unit = units[index]!;
  const first = unit.sentences[0]!.text;
  const outside = outsideQuotes(unit.text);
  const needs: Need[] = [];
  const previous: Need = { resolvedBy: [index - 1], antecedent: index - 1 };
  // A quotation with no attribution of its own belongs to the speaker named before it.
  const unattributed = !/\p{L}/u.test(outside);
  if (
    unattributed ||
    opensWithReference(first) ||
    pronounBeforeName(outside) ||
    attributedToPronoun(outside)
  ) {
    needs.push(previous);
  }

  // A surname alone ("Roe did not comment") for someone introduced earlier by full name.
  const own = names[index]!;
  for (const run of own) {
    if (run.words.length !== 1 || run.afterThe) continue;
    const surname = run.words[0]!;
    if (own.some((r) => r.words.length > 1 && r.words.at(-1) === surname)) continue;
    const introducedIn: number[] = [];
    for (let j = 0; j < index; j++) {
      if (names[j]!.some((r) => r.words.length > 1 && r.words.at(-1) === surname)) introducedIn.push(j);
    }
    if (introducedIn.length) needs.push({ resolvedBy: introducedIn, antecedent: introducedIn.at(-1)! });
  }
  return needs;
}

/** Opens with a pronoun, a connective, or a definite phrase that takes up what came before. */
export function opensWithReference(sentence: string): boolean {
  const text = sentence.replace(/^[\s“"‘'([«—–-]+/, '');
  const first = /^[\p{L}']+/u.exec(text.replace(/’/g, "'"))?.[0]?.toLowerCase() ?? '';
  if (REFERRING_OPENERS.has(first) || REFERRING_PHRASES.test(text)) return true;
  const definite = /^the\s+([\p{Ll}][\p{L}-]*)(['’]s)?\b/u.exec(text.replace(/^The\b/, 'the'));
  if (!definite) return false;
  // "The deal's first phase": a possessive on a common noun is a reference to a thing named before.
  return definite[2] !== undefined || ANAPHORIC_HEADS.has(definite[1]!.toLowerCase());
}

/** "In a statement, she said …": a he or she before any name, outside quotations. */
function pronounBeforeName(outside: string): boolean {
  const tokens = tokenize(outside);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Subject pronouns only: "In her judgment, Harwood said" points forward, not back.
    if (t.kind === 'word' && /^(he|she)$/.test(t.norm)) return true;
    if (t.kind === 'acronym') return false;
    if (t.kind === 'name' && i > 0) return false;
  }
  return false;
}

/** "… ,” he adds": a quotation attributed to a pronoun. */
function attributedToPronoun(outside: string): boolean {
  const verbs = `(?:${SPEECH_VERBS})`;
  return new RegExp(`\\b(he|she|they)\\s+(\\w+ly\\s+)?${verbs}\\b|\\b${verbs}\\s+(he|she)\\b`, 'i').test(
    outside,
  );
}

/** A run of capitalised words in a text: a name, a title and a name, or a place. */
interface NameRun {
  words: string[];
  /** Preceded by "the": a thing or a place ("the Strip"), not a person's surname. */
  afterThe: boolean;
}

/** Capitalised words that start sentences or clauses without being names. */
const NOT_NAMES = new Set(
  `the a an in on at as for of to from by with and but or if when while after before since this that these
those there it he she they his her its their we i our you mr mrs ms dr asked speaking according however
meanwhile still yet so then`.split(/\s+/),
);

/** Particles inside names ("Ursula von der Leyen", "Mohammed bin Salman"). */
const NAME_PARTICLES = /^(von|van|der|den|de|da|di|du|del|la|le|al|el|bin|ibn|abu)$/;

/** The runs of capitalised words in a text, possessives stripped, sentence-opening function words dropped. */
function nameRuns(text: string): NameRun[] {
  const runs: NameRun[] = [];
  const words = [...normalizeQuotes(text).matchAll(/[\p{L}][\p{L}'-]*|[^\s\p{L}]+/gu)].map((m) => m[0]);
  let run: string[] = [];
  let afterThe = false;
  const flush = () => {
    while (run.length && NOT_NAMES.has(run[0]!.toLowerCase()))
      afterThe = run.shift()!.toLowerCase() === 'the';
    while (run.length && NAME_PARTICLES.test(run.at(-1)!)) run.pop();
    if (run.length) runs.push({ words: run.map((w) => w.replace(/'s?$/, '')), afterThe });
    run = [];
  };
  words.forEach((word, i) => {
    const capitalised = /^\p{Lu}\p{Ll}/u.test(word);
    if (capitalised || (run.length > 0 && NAME_PARTICLES.test(word))) {
      if (run.length === 0) afterThe = (words[i - 1] ?? '').toLowerCase() === 'the';
      run.push(word);
      if (/'s?$/.test(word)) flush();
    } else {
      flush();
    }
  });
  flush();
  return runs.filter((r) => r.words.length > 0);
}

function normalizeQuotes(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/** Which quotation marks are open after some text. */
interface QuoteState {
  double: boolean;
  single: boolean;
}
const CLOSED: QuoteState = { double: false, single: false };

function isOpen(state: QuoteState): boolean {
  return state.double || state.single;
}

/**
 * Follows quotation marks through a text. Curly double marks say which way they face; a straight
 * mark or a single mark opens after a space or an opening bracket and closes otherwise; an
 * apostrophe inside a word ("don’t") is neither.
 */
export function scanQuotes(text: string, start: QuoteState): QuoteState {
  let state = start;
  for (let i = 0; i < text.length; i++) state = stepQuotes(text, i, state);
  return state;
}

/** The text with quoted words blanked out: what the writer says, not what was said to them. */
export function outsideQuotes(text: string): string {
  let out = '';
  let state: QuoteState = CLOSED;
  for (let i = 0; i < text.length; i++) {
    const next = stepQuotes(text, i, state);
    out += isOpen(state) || isOpen(next) ? ' ' : text[i];
    state = next;
  }
  return out;
}

/** The quote state after the character at `i`. */
function stepQuotes(text: string, i: number, state: QuoteState): QuoteState {
  const c = text[i]!;
  if (!/["“”'‘’]/.test(c)) return state;
  const before = i === 0 ? ' ' : text[i - 1]!;
  const after = text[i + 1] ?? ' ';
  const opensHere = /[\s([—–-]/.test(before);
  if (c === '“') return { ...state, double: true };
  if (c === '”') return { ...state, double: false };
  if (c === '"') return { ...state, double: opensHere };
  if (/\p{L}/u.test(before) && /\p{L}/u.test(after)) return state;
  if (opensHere && /[\p{L}\p{N}“"…]/u.test(after)) return { ...state, single: true };
  if (state.single && !opensHere) return { ...state, single: false };
  return state;
}

/** TF-IDF term vectors of texts; `background` texts also count for document frequency. */
function tfidfVectors(texts: string[], background: string[] = []): Map<string, number>[] {
  const docs = [...texts, ...background].map((t) => analyze(t));
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.slice(0, texts.length).map((terms) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [t, f] of tf) v.set(t, (1 + Math.log(f)) * Math.log(1 + n / (df.get(t) ?? 1)));
    return v;
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  const d = norm(a) * norm(b);
  return d ? dot / d : 0;
}

/**
 * PageRank over a weighted, undirected similarity graph (TextRank). Self-similarity is ignored; a
 * sentence that shares no term with any other spreads its score evenly.
 */
export function pageRank(similarity: number[][], damping: number, maxIterations: number): number[] {
  const n = similarity.length;
  const outWeight = similarity.map((row, i) => row.reduce((s, w, j) => s + (i === j ? 0 : w), 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < maxIterations; iter++) {
    const dangling = rank.reduce((s, r, j) => s + (outWeight[j] === 0 ? r : 0), 0);
    const next = rank.map((_, i) => {
      let inflow = 0;
      for (let j = 0; j < n; j++) {
        if (j !== i && outWeight[j]! > 0) inflow += (similarity[j]![i]! / outWeight[j]!) * rank[j]!;
      }
      return (1 - damping) / n + damping * (inflow + dangling / n);
    });
    const moved = next.reduce((s, r, i) => s + Math.abs(r - rank[i]!), 0);
    rank = next;
    if (moved < 1e-6) break;
  }
  return rank;
}

/** Distinct numbers, acronyms and mid-sentence capitalised words, per ten words. */
function specificTerms(text: string): number {
  const tokens = tokenize(outsideQuotes(text));
  const specific = new Set(
    tokens
      .filter((t, i) => t.kind === 'number' || t.kind === 'acronym' || (t.kind === 'name' && i > 0))
      .map((t) => t.norm),
  );
  return tokens.length ? (10 * specific.size) / tokens.length : 0;
}

/** The share of a text's words that stand inside quotation marks. */
function quotedShare(text: string): number {
  const all = text.split(/\s+/).filter(Boolean).length;
  const outside = outsideQuotes(text).split(/\s+/).filter(Boolean).length;
  return all ? Math.max(0, (all - outside) / all) : 0;
}

function normalizeMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}

/**
 * The default focus relevance: for each body paragraph, the summed rarity (inverse paragraph
 * frequency) of the focus's key terms it contains. Zero-scoring paragraphs are left out.
 */
export function termRelevance(focus: string, article: Article): ReadonlyMap<number, FocusMatch> {
  const terms = keyTerms(focus);
  const paragraphs = article.blocks.filter((b) => b.kind === 'paragraph');
  const termSets = paragraphs.map((b) => new Set(keyTerms(b.text)));
  const scores = new Map<number, FocusMatch>();
  for (const term of terms) {
    const df = termSets.filter((s) => s.has(term)).length;
    if (df === 0) continue;
    const idf = Math.log(1 + paragraphs.length / df);
    paragraphs.forEach((b, i) => {
      if (termSets[i]!.has(term)) {
        scores.set(b.index, { score: (scores.get(b.index)?.score ?? 0) + idf, sentence: null });
      }
    });
  }
  return scores;
}

/**
 * Focus relevance from the question index, so that `/summary focus:` finds what `/ask` finds: the
 * article's body paragraphs among the passages the index returns for the focus, with their scores.
 * Empty when the index abstains (the focus names something the corpus never mentions).
 */
export function searchRelevance(index: SearchIndex): FocusRelevance {
  return (focus, article) => {
    const { hits } = index.findPassages(focus, index.size, { articleId: article.id });
    return new Map(
      hits
        .filter((h) => h.passage.articleId === article.id && h.passage.citation.kind === 'paragraph')
        .map((h) => [h.passage.blockIndex, { score: h.score, sentence: h.answer }]),
    );
  };
}
