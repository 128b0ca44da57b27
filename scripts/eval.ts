/**
 * `npm run eval`: the project's own evaluation. Prints Markdown tables (the README carries them).
 */
import { existsSync } from 'node:fs';
import {
  HELDOUT_CORPUS,
  HELDOUT_QUESTIONS,
  HELDOUT2_CORPUS,
  HELDOUT2_QUESTIONS,
  SET2_CORPUS,
  SET2_QUESTIONS,
  SET3_CORPUS,
  SET3_QUESTIONS,
  SET4_CORPUS,
  SET4_QUESTIONS,
  evaluateAsk,
  formatAsk,
  formatAblation,
  wholeSet,
} from './eval-ask.ts';
import { METADATA_SET, evaluateMetadata, formatMetadata } from './eval-metadata.ts';
import {
  QUOTES_SET,
  QUOTES_SET2,
  QUOTES_SET4,
  evaluateQuotes,
  formatQuoteMisses,
  formatQuotes,
} from './eval-quotes.ts';
import {
  BLIND_LIST,
  FACTS_DIR,
  evaluateSummaries,
  formatSummaryEvaluation,
  formatSummaryTotals,
  evalWordVectors,
} from './eval-summary.ts';

const ask = await evaluateAsk();
console.log('## Retrieval (/ask) on test/eval/questions.json\n');
console.log(formatAsk(ask));
const missed = ask.subsets[0]!.byline.missed;
if (missed.length) console.log(`\nByline missed at rank 1: ${missed.join(' ')}`);

const set2 = await evaluateAsk(SET2_CORPUS, SET2_QUESTIONS, wholeSet);
console.log(`\n## Retrieval (/ask) on the second development set, ${SET2_QUESTIONS}\n`);
console.log(formatAsk(set2));

const set3 = await evaluateAsk(SET3_CORPUS, SET3_QUESTIONS, wholeSet);
console.log(`\n## Retrieval (/ask) on the third set, ${SET3_QUESTIONS}\n`);
console.log(formatAsk(set3));
const missed3 = set3.subsets[0]!.byline.missed;
if (missed3.length) console.log(`\nByline missed at rank 1: ${missed3.join(' ')}`);

const set4 = await evaluateAsk(SET4_CORPUS, SET4_QUESTIONS, wholeSet);
console.log(`\n## Retrieval (/ask) on the fourth set (readers' own words), ${SET4_QUESTIONS}\n`);
console.log(formatAsk(set4));

if (existsSync(HELDOUT_QUESTIONS)) {
  const heldout = await evaluateAsk(HELDOUT_CORPUS, HELDOUT_QUESTIONS, wholeSet);
  console.log(`\n## Retrieval (/ask) on the held-out set, ${HELDOUT_QUESTIONS}\n`);
  console.log(formatAsk(heldout));
}

const heldout2 = await evaluateAsk(HELDOUT2_CORPUS, HELDOUT2_QUESTIONS, wholeSet);
console.log(`\n## Retrieval (/ask) on the second held-out set (readers' own words), ${HELDOUT2_QUESTIONS}\n`);
console.log(formatAsk(heldout2));

console.log(
  '\n## Ablation: the curated vocabulary and the word vectors, alone and together (Byline, every set)\n',
);
console.log(await formatAblation());

const quotes = await evaluateQuotes();
console.log(`\n## Quotations (/quote) on ${QUOTES_SET}\n`);
console.log(formatQuotes(quotes));
if (quotes.misses.length) console.log(`\nMissed or misattributed: ${quotes.misses.join(' ')}`);

for (const [dir, what] of [
  [QUOTES_SET2, 'blind, ten house styles, no front matter'],
  [QUOTES_SET4, 'blind'],
] as const) {
  const figures = await evaluateQuotes(dir);
  console.log(`\n## Quotations (/quote) on ${dir} (${what})\n`);
  console.log(formatQuotes(figures));
  const misses = formatQuoteMisses(figures);
  if (misses) console.log(`\n${misses}`);
}

const metadata = await evaluateMetadata();
console.log(`\n## Article metadata read from pasted text (no front matter), ${METADATA_SET}\n`);
console.log(formatMetadata(metadata));
if (metadata.misses.length) console.log(`\nWrong: ${metadata.misses.join(' · ')}`);

console.log(
  '\n## Summaries (/summary): key facts covered, against the first N sentences and PacSum alone (word vectors)\n',
);
const summaries = await evaluateSummaries(FACTS_DIR, { wordVectors: evalWordVectors() });
console.log(formatSummaryEvaluation(summaries));
console.log('\nThe blind lists alone (set2-, set3-, set4-, heldout-):\n');
console.log(formatSummaryTotals(summaries.filter((r) => BLIND_LIST.test(r.name))));
console.log('\nWith TF-IDF similarity instead of word vectors:\n');
console.log(formatSummaryTotals(await evaluateSummaries(FACTS_DIR, { wordVectors: null })));
