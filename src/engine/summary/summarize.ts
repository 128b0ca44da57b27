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
import { UserError } from '../errors.ts';
import { citationOf } from '../search/citation.ts';
import { keyTerms } from '../text/analysis.ts';
import type { Article, Summary, SummarySentence } from '../types.ts';
import { bodySentences } from './body.ts';
import {
  DEFAULT_SUMMARY_OPTIONS,
  SUMMARY_LENGTHS,
  type SummaryLength,
  type SummaryOptions,
} from './options.ts';
import { cosine, normalizeMax, pageRank, quotedShare, specificTerms, tfidfVectors } from './scoring.ts';
import { selectUnits } from './select.ts';
import { buildUnits } from './units.ts';

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
