/** Renders replies as the JSON the CLI prints (the contract in shared/eval/README.md). */
import type { Reply } from '../reply.ts';

export function renderJson(reply: Reply): unknown {
  switch (reply.type) {
    case 'answer':
      return {
        question: reply.answer.question,
        results: reply.answer.hits.map((hit) => ({
          text: hit.passage.text,
          answer: hit.answer,
          score: Math.round(hit.score * 1000) / 1000,
          citation: hit.passage.citation,
        })),
        ...(reply.answer.unknownTerms.length ? { unknownTerms: reply.answer.unknownTerms } : {}),
      };
    case 'quotes':
      return {
        quotes: reply.quotes.map((q) => ({
          text: q.text,
          speaker: q.speaker,
          role: q.role,
          citation: q.citation,
        })),
      };
    case 'summary':
      return { sentences: reply.summary.sentences.map((s) => ({ text: s.text, citation: s.citation })) };
    case 'notice':
      return { message: reply.text };
    case 'article':
      return { status: reply.status, article: reply.article, suggestion: reply.suggestion };
    case 'articles':
      return { articles: reply.articles, page: reply.page, pages: reply.pages, total: reply.total };
    case 'context':
      return {
        citation: reply.citation,
        blocks: reply.blocks.map((b) => ({
          kind: b.kind,
          text: b.text,
          paragraph: b.paragraph,
          cited: b.index === reply.focus,
        })),
      };
  }
}
