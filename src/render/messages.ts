/** What Byline says when the articles do not answer, shared by every renderer. */
import type { SummaryReply } from '../reply.ts';

/** What an empty summary means: with a focus, the article doesn't speak of it. */
export function summaryDoesNotSay(reply: SummaryReply): string {
  const { summary } = reply;
  return summary.focus
    ? `“${summary.title}” doesn't say anything about ${summary.focus}.`
    : `“${summary.title}” has no body sentences to summarise.`;
}

/** "The article doesn't say." with the words it never mentions, if that is why. */
export function doesNotSay(unknownTerms: readonly string[]): string {
  if (unknownTerms.length === 0) return "The article doesn't say.";
  return `The article doesn't say: it never mentions ${listOf(unknownTerms)}.`;
}

/** "a, b or c" */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
