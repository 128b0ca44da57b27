/**
 * Quotations in the headline, standfirst and subheadings: they repeat the body's, so each is linked
 * to the body quotation it repeats ({@link Quote.alsoIn}) and never counted twice.
 */
import { comparable } from '../corpus/article.ts';
import { citationOf } from '../search/citation.ts';
import { keyTerms } from '../text/analysis.ts';
import type { Article, Quote } from '../types.ts';
import { attributeQuote } from './attribution.ts';
import { maskHeading } from './narrative.ts';
import type { QuoteOptions } from './options.ts';
import type { SpeakerRegistry } from './speakers.ts';

/** Words only, for comparing a heading's quotation with the body's. */
const bare = (text: string) =>
  comparable(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Links each heading quotation to the body quotation it repeats; one that repeats none and is long
 * enough to be speech becomes a quotation of its own, in reading order.
 */
export function linkHeadingQuotations(
  article: Article,
  quotes: Quote[],
  registry: SpeakerRegistry,
  opts: QuoteOptions,
): Quote[] {
  const headings = article.blocks.filter(
    (b) => b.kind === 'headline' || b.kind === 'standfirst' || b.kind === 'subheading',
  );
  const own: Quote[] = [];
  for (const block of headings) {
    const p = maskHeading(block);
    for (const [k, span] of p.spans.entries()) {
      const text = block.text
        .slice(span.contentStart, span.contentEnd)
        .replace(/[\s,;:]+$/, '')
        .trim();
      const target = repeatedQuote(text, quotes, opts);
      if (target) {
        (target.alsoIn ??= []).push(citationOf(article, block));
        continue;
      }
      const wordCount = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
      if (wordCount < opts.headingQuoteMinWords) continue;
      const speaker = attributeQuote(p, k, [], registry);
      own.push({
        text,
        // Headlines capitalise every word: only a person the body names is taken as the speaker.
        speaker: speaker?.kind === 'person' ? speaker.name : null,
        role: speaker?.kind === 'person' ? speaker.role : null,
        citation: citationOf(article, block),
        articleId: article.id,
        blockIndex: block.index,
      });
    }
  }
  return [...quotes, ...own].sort((a, b) => a.blockIndex - b.blockIndex);
}

/** The body quotation a heading's quotation repeats: containing its words, or most of its terms. */
function repeatedQuote(text: string, quotes: Quote[], opts: QuoteOptions): Quote | null {
  const words = bare(text);
  if (!words) return null;
  // A heading's word or two in quotation marks is a label unless a body quotation is just that.
  if (words.split(' ').length <= opts.scareQuoteMaxWords)
    return quotes.find((q) => bare(q.text) === words) ?? null;
  const exact = quotes.find((q) => bare(q.text).includes(words));
  if (exact) return exact;
  const terms = keyTerms(text);
  if (terms.length < 2) return null;
  let best: Quote | null = null;
  let bestShare = 0;
  for (const q of quotes) {
    const have = new Set(keyTerms(q.text));
    const share = terms.filter((t) => have.has(t)).length / terms.length;
    if (share > bestShare) {
      best = q;
      bestShare = share;
    }
  }
  return bestShare >= opts.headingMatchShare ? best : null;
}
