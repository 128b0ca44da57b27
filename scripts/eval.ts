/**
 * `npm run eval`: the project's own evaluation. Prints Markdown tables (the README carries them).
 */
import { evaluateAsk, formatAsk } from './eval-ask.ts';
import { evaluateSummaries, formatSummaryEvaluation } from './eval-summary.ts';

const ask = await evaluateAsk();
console.log('## Retrieval (/ask) on test/eval/questions.json\n');
console.log(formatAsk(ask));
const missed = ask.subsets[0]!.byline.missed;
if (missed.length) console.log(`\nByline missed at rank 1: ${missed.join(' ')}`);

console.log('\n## Summaries (/summary): key facts covered, against the first N sentences\n');
console.log(formatSummaryEvaluation(await evaluateSummaries()));
