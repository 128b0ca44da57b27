/**
 * Fetches a web page for the corpus, safely: http and https only, every address checked (see
 * guard.ts), each redirect checked again, a size limit enforced while the body streams in, one
 * deadline for the whole exchange, and only text types accepted. Every refusal is a SourceError
 * whose message says why.
 */
import { STATUS_CODES } from 'node:http';
import { Agent, request, type Dispatcher } from 'undici';
import { SourceError } from '../engine/errors.ts';
import { guardedConnector, type LookupFunction } from './guard.ts';

export interface FetchOptions {
  /** Let private, loopback and other non-public addresses through (ALLOW_PRIVATE_URLS; tests, intranets). Default false. */
  allowPrivate: boolean;
  /** Largest body accepted, in bytes. Default 5 MB: far above any article page, far below harm. */
  maxBytes: number;
  /** Deadline for the whole fetch (redirects and body included), in milliseconds. Default 10 s. */
  timeoutMs: number;
  /** Redirects followed before giving up. Default 5, as browsers' limits go (they allow 20) on the safe side. */
  maxRedirects: number;
  /**
   * Media types accepted. Default text/html, text/plain and text/markdown: what the article parser
   * reads. An empty list accepts any type (for attachments, whose name says what they are).
   */
  accept: readonly string[];
  /** Resolves host names; `dns.lookup` by default. */
  lookup?: LookupFunction;
  /** Sent as User-Agent, so that sites know who is fetching. */
  userAgent: string;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  allowPrivate: false,
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 5,
  accept: ['text/html', 'text/plain', 'text/markdown'],
  userAgent: 'Byline/0.1 (Discord bot that cites news articles; fetches a page when a moderator adds it)',
};

/** A fetched page. */
export interface FetchedPage {
  /** The URL finally fetched, after redirects. */
  url: string;
  /** The media type without parameters, lower case ("text/html"). */
  mediaType: string;
  /** The charset the Content-Type names, if any. */
  charset: string | null;
  bytes: Uint8Array;
}

/** The URL, parsed, or a SourceError when it is not an http(s) URL. */
export function parseSourceUrl(input: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new SourceError('bad-url', `That is not a link Byline can read: ${input}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceError('bad-scheme', `Byline fetches only http and https links, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new SourceError('credentials', 'Byline does not fetch links that carry a user name or password.');
  }
  return url;
}

/** Fetches `input`, following redirects. Throws SourceError for every refusal and failure. */
export async function fetchPage(input: string, options: Partial<FetchOptions> = {}): Promise<FetchedPage> {
  const o: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...options };
  const agent = new Agent({
    connect: guardedConnector({
      allowPrivate: o.allowPrivate,
      connectTimeout: o.timeoutMs,
      ...(o.lookup ? { lookup: o.lookup } : {}),
    }),
  });
  const deadline = AbortSignal.timeout(o.timeoutMs);
  try {
    let url = parseSourceUrl(input);
    for (let redirects = 0; ; redirects++) {
      const response = await request(url, {
        dispatcher: agent,
        signal: deadline,
        headers: {
          'user-agent': o.userAgent,
          accept: o.accept.length ? `${o.accept.join(', ')};q=0.9, */*;q=0.1` : '*/*',
        },
      });
      const location = header(response.headers, 'location');
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        await response.body.dump();
        if (redirects >= o.maxRedirects) {
          throw new SourceError(
            'too-many-redirects',
            `The link redirects more than ${o.maxRedirects} times.`,
          );
        }
        url = parseSourceUrl(location, url.href);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        const reason = STATUS_CODES[response.statusCode] ?? 'an error';
        throw new SourceError(
          'http-status',
          `The site answered ${response.statusCode} ${reason} for ${url.href}: there is no page to add.`,
        );
      }
      const [mediaType, charset] = parseContentType(header(response.headers, 'content-type'));
      if (o.accept.length && !o.accept.includes(mediaType)) {
        discard(response.body);
        throw new SourceError(
          'media-type',
          `That link is ${mediaType ? `a ${mediaType} file` : 'of no stated type'}, not a page: Byline reads web pages (HTML), plain text and Markdown.`,
        );
      }
      const declared = Number(header(response.headers, 'content-length'));
      if (declared > o.maxBytes) {
        discard(response.body);
        throw tooLarge(o.maxBytes);
      }
      const bytes = await readLimited(response.body, o.maxBytes);
      return { url: url.href, mediaType, charset, bytes };
    }
  } catch (error) {
    const refusal = sourceErrorIn(error);
    if (refusal) throw refusal;
    if (deadline.aborted) {
      throw new SourceError('timeout', `The site took longer than ${o.timeoutMs / 1000} s to send the page.`);
    }
    throw new SourceError('unreachable', `Byline could not reach the site: ${describeNetworkError(error)}.`);
  } finally {
    void agent.destroy().catch(() => undefined);
  }
}

/** Reads a body stream to its end, or stops and refuses as soon as it passes `maxBytes`. */
async function readLimited(body: Dispatcher.ResponseData['body'], maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      discard(body);
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Stops reading a body: undici reports the stop as an error on the stream, which is expected here. */
function discard(body: { destroy(): unknown; on(event: 'error', listener: () => void): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function tooLarge(maxBytes: number): SourceError {
  return new SourceError(
    'too-large',
    `The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: too large to be an article.`,
  );
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** "text/html; charset=ISO-8859-1" → ["text/html", "iso-8859-1"]. */
export function parseContentType(value: string | undefined): [string, string | null] {
  if (!value) return ['', null];
  const [type = '', ...params] = value.split(';');
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return [type.trim().toLowerCase(), charset?.toLowerCase() ?? null];
}

function describeNetworkError(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not exist';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was dropped';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    default:
      return code ?? e.message ?? String(error);
  }
}

/** The SourceError in an error's chain of causes (undici wraps connector errors), or null. */
function sourceErrorIn(error: unknown): SourceError | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof SourceError) return e;
  }
  return null;
}
