/** The sentences of an article's body that a summary may show: the story, not its furniture. */
import { sentenceSpans } from '../text/sentences.ts';
import type { Article, Block } from '../types.ts';

/** One sentence of an article's body, as a summary may show it. */
export interface BodySentence {
  text: string;
  block: Block;
  /** Where the sentence starts in its block's text. */
  start: number;
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
      out.push({ text: span.text, block, start: span.start });
    }
  }
  return out;
}
