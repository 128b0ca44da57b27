/** How a passage is cited: the article it comes from and where in the article it stands. */
import type { Article, Block, Citation } from '../types.ts';

/** Citation of one block of an article. */
export function citationOf(article: Article, block: Block): Citation {
  return {
    article: article.meta.title,
    publisher: article.meta.publisher,
    published: article.meta.published,
    paragraph: block.paragraph,
    section: block.section,
    kind: block.kind,
  };
}
