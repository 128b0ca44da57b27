/**
 * The engine's plain data types. Nothing here knows about Discord or the terminal:
 * renderers turn these into replies.
 */

/** What a block of an article is, as a reader sees it on the page. */
export type BlockKind = 'headline' | 'standfirst' | 'subheading' | 'paragraph' | 'caption';

/** One block of an article after parsing: furniture and exact duplicates are already gone. */
export interface Block {
  kind: BlockKind;
  /** The block's words as in the article (for a caption, without its photo credit). */
  text: string;
  /** Body paragraph number as a reader counts them (1-based); null for every other kind. */
  paragraph: number | null;
  /** The subheading this block falls under, or null before the first subheading. */
  section: string | null;
  /** A caption's photo credit, split off its text ("Angela Weiss / AFP"). */
  credit?: string;
  /** Position among the article's kept blocks, 0-based: a stable address inside one article. */
  index: number;
}

/** What is known about an article, from its front matter or its text. */
export interface ArticleMeta {
  title: string;
  /** Null when unknown: shown as "unknown publisher". */
  publisher: string | null;
  /** Publication date as YYYY-MM-DD, or null when unknown. */
  published: string | null;
  url?: string;
  byline?: string;
}

export interface Article {
  /**
   * Stable identifier: the file name without its extension; for a server's article, its path
   * (`servers/<server id>/<name>`).
   */
  id: string;
  /** The file the article was read from, relative to the corpus folder. */
  file: string;
  /** The server whose article this is (its id), answering there only; absent for shared articles. */
  collection?: string;
  meta: ArticleMeta;
  blocks: Block[];
}

/** Where a passage, quotation or sentence comes from, as shown to a reader. */
export interface Citation {
  article: string;
  publisher: string | null;
  published: string | null;
  paragraph: number | null;
  section: string | null;
  kind: BlockKind;
}

/** A searchable unit: one block of one article. */
export interface Passage {
  /** `${articleId}#${blockIndex}` */
  id: string;
  articleId: string;
  blockIndex: number;
  text: string;
  citation: Citation;
  /** The article's URL, when it has one: for links back to the source. */
  url?: string;
}

/** One ranked passage in an answer. */
export interface PassageHit {
  passage: Passage;
  /** The sentence of the passage that best answers the question. */
  answer: string;
  /** Ranking score: higher is better; no fixed scale. */
  score: number;
}

/** The result of asking the corpus a question. */
export interface Answer {
  question: string;
  /** Best first. Empty when the corpus does not answer the question. */
  hits: PassageHit[];
  /** Words of the question the corpus never mentions, when that is why nothing was found. */
  unknownTerms: string[];
}

/** A direct quotation and who said it. */
export interface Quote {
  /** The words inside the quotation marks. */
  text: string;
  /** Canonical speaker (full name as first given), or null when it cannot be attributed. */
  speaker: string | null;
  /** The speaker's role where the article gives one ("White House Press Secretary"). */
  role: string | null;
  citation: Citation;
  articleId: string;
  blockIndex: number;
  /**
   * Headline, standfirst or subheading blocks that repeat this quotation: linked here, never
   * counted as quotations of their own. Absent when no heading repeats it.
   */
  alsoIn?: Citation[];
}

/** One sentence of an extractive summary. */
export interface SummarySentence {
  text: string;
  citation: Citation;
  blockIndex: number;
  /** A link to this sentence in the article online (a text fragment), or null without a URL. */
  link: string | null;
}

export interface Summary {
  articleId: string;
  title: string;
  focus: string | null;
  sentences: SummarySentence[];
}
