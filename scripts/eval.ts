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
  wholeSet,
} from './eval-ask.ts';
import { QUOTES_SET, evaluateQuotes, formatQuotes } from './eval-quotes.ts';
import { evaluateSummaries, formatSummaryEvaluation } from './eval-summary.ts';

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

const quotes = await evaluateQuotes();
console.log(`\n## Quotations (/quote) on ${QUOTES_SET}\n`);
console.log(formatQuotes(quotes));
if (quotes.misses.length) console.log(`\nMissed or misattributed: ${quotes.misses.join(' ')}`);

console.log('\n## Summaries (/summary): key facts covered, against the first N sentences\n');
console.log(formatSummaryEvaluation(await evaluateSummaries()));
