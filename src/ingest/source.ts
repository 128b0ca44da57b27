/**
 * Reads an article's source, a link or a file (a path on disk, or an attachment's name and bytes),
 * into a draft: metadata and a body the article parser reads. Web pages and .html files go through
 * extract.ts; .txt and .md files are articles already, front matter included.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import matter from 'gray-matter';
import { parseArticleFile } from '../engine/corpus/files.ts';
import { CorpusError } from '../engine/errors.ts';
import { SourceError } from '../engine/errors.ts';
import { decodePage, extractFromHtml, type SourceMeta } from './extract.ts';
import { DEFAULT_FETCH_OPTIONS, fetchPage, type FetchOptions } from './fetch.ts';

/** An article read from its source, not yet stored. */
export interface ArticleDraft {
  meta: SourceMeta;
  /** The article text, without front matter. */
  body: string;
  /** The ending of the file it is stored as: `.md` for pages, the source's own for .txt and .md. */
  extension: '.md' | '.txt';
}

/** File endings accepted as sources, and what each is. */
export const SOURCE_EXTENSIONS: Readonly<Record<string, 'html' | 'text' | 'markdown'>> = {
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.md': 'markdown',
};

/** Whether `input` is meant as a link rather than a file path: it has a scheme. */
export function isLink(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());
}

/** Fetches a link and reads the article it holds. */
export async function readLink(link: string, options: Partial<FetchOptions> = {}): Promise<ArticleDraft> {
  const page = await fetchPage(link.trim(), options);
  const kind =
    page.mediaType === 'text/html' ? 'html' : page.mediaType === 'text/markdown' ? 'markdown' : 'text';
  return readBytes(page.bytes, kind, {
    url: page.url,
    charset: page.charset,
    name: basename(new URL(page.url).pathname),
  });
}

/** Reads a file on disk: .html, .htm, .txt or .md, at most the fetch size limit. */
export async function readFilePath(
  path: string,
  maxBytes = DEFAULT_FETCH_OPTIONS.maxBytes,
): Promise<ArticleDraft> {
  const kind = kindOfName(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      'unreadable-file',
      `Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code}.`,
    );
  }
  if (size > maxBytes) throw tooLargeFile(path, maxBytes);
  return readBytes(new Uint8Array(await readFile(path)), kind, {
    url: null,
    charset: null,
    name: basename(path),
  });
}

/** Reads an attachment (or any named file's bytes), already fetched. */
export function readNamedBytes(
  name: string,
  bytes: Uint8Array,
  maxBytes = DEFAULT_FETCH_OPTIONS.maxBytes,
): ArticleDraft {
  const kind = kindOfName(name);
  if (bytes.byteLength > maxBytes) throw tooLargeFile(name, maxBytes);
  return readBytes(bytes, kind, { url: null, charset: null, name });
}

/** What a file's name says it is; SourceError for any other ending. */
export function kindOfName(name: string): 'html' | 'text' | 'markdown' {
  const kind = SOURCE_EXTENSIONS[extname(name).toLowerCase()];
  if (!kind) {
    throw new SourceError(
      'file-type',
      `${basename(name)} is not an article file: Byline reads .html, .htm, .txt and .md files.`,
    );
  }
  return kind;
}

function tooLargeFile(name: string, maxBytes: number): SourceError {
  return new SourceError(
    'too-large',
    `${basename(name)} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: too large to be an article.`,
  );
}

function readBytes(
  bytes: Uint8Array,
  kind: 'html' | 'text' | 'markdown',
  from: { url: string | null; charset: string | null; name: string },
): ArticleDraft {
  if (bytes.includes(0))
    throw new SourceError('binary', `${from.name || 'The source'} is a binary file, not text.`);
  const text = decodePage(bytes, from.charset, kind === 'html');
  if (kind === 'html') {
    const { meta, markdown } = extractFromHtml(text, from.url);
    return { meta, body: markdown, extension: '.md' };
  }
  // A text or Markdown file is an article as it is; its own front matter gives what it knows.
  const extension = kind === 'markdown' ? '.md' : '.txt';
  // Without a title anywhere, the file's name stands in, as it does in the corpus folder.
  const stem = basename(from.name, extname(from.name)) || 'article';
  let article;
  try {
    article = parseArticleFile(`${stem}${extension}`, new TextEncoder().encode(text));
  } catch (error) {
    if (error instanceof CorpusError)
      throw new SourceError('no-article', `${from.name || 'The source'}: ${error.problem}.`);
    throw error;
  }
  return {
    meta: {
      title: article.meta.title,
      publisher: article.meta.publisher,
      published: article.meta.published,
      byline: article.meta.byline ?? null,
      url: article.meta.url ?? from.url,
    },
    body: matter(text, {}).content,
    extension,
  };
}
