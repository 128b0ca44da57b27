/**
 * Turns a news web page into an article file's parts: its metadata and its body as Markdown.
 *
 * Metadata comes from schema.org JSON-LD first (an Article, NewsArticle or BlogPosting, also inside
 * `@graph` arrays and with `@id` references followed), then Open Graph and other meta tags. The body
 * is what Mozilla's Readability (the Firefox reader view) finds, over a DOM from linkedom, after page
 * furniture is taken out: cookie banners, newsletter boxes, "related" lists, sharing bars, footers,
 * photo credits. A page whose text is only in JSON-LD (`articleBody`) gives that text. The body then
 * goes through the article parser like any pasted article (see store.ts).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { FrontMatterSchema } from '../engine/corpus/files.ts';

/** What the page says about the article; null where it says nothing. */
export interface SourceMeta {
  title: string | null;
  publisher: string | null;
  /** The calendar date of publication, YYYY-MM-DD, as the page states it (its own time zone). */
  published: string | null;
  /** Authors' names, joined with ", ". */
  byline: string | null;
  /** The canonical URL of the article. */
  url: string | null;
}

/** An article read from a page: its metadata and its body as Markdown (headings, paragraphs, captions). */
export interface ExtractedArticle {
  meta: SourceMeta;
  markdown: string;
}

/** Minimal DOM shapes used here (linkedom's types lean on the DOM library, which the engine does not load). */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentElement: DomElement | null;
}
interface DomElement extends DomNode {
  tagName: string;
  id: string;
  className: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  remove(): void;
}
interface DomDocument {
  documentElement: DomElement;
  body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;

/** schema.org types that are an article, best first. */
const ARTICLE_TYPES = [
  /^(Reportage|Analysis|Opinion|Background|Review|AskPublic)?NewsArticle$/,
  /^(Article|BlogPosting|LiveBlogPosting|Report|SocialMediaPosting|TechArticle)$/,
];

/** Elements that are never article text. */
const NEVER_TEXT =
  'script, style, noscript, template, iframe, svg, canvas, video, audio, form, button, input, select, ' +
  'textarea, nav, footer, aside, dialog, [hidden], [aria-hidden="true"], [role="navigation"], ' +
  '[role="banner"], [role="contentinfo"], [role="complementary"], [role="dialog"], [role="alertdialog"], ' +
  'blockquote.twitter-tweet, blockquote.instagram-media';

/**
 * Words of a class or id that name page furniture. A class name is split into its words
 * ("newsletter-signup", "c-related__list", "cookieBanner"), and a word or two adjacent words must
 * match whole: "credit" names furniture, "accredited" does not.
 */
const FURNITURE_WORDS: ReadonlySet<string> = new Set(
  (
    'cookie cookies consent gdpr newsletter newsletters subscribe subscription signup sign-up related ' +
    'recommended recirculation promo promotion share sharing social advert advertisement ad ads sponsor ' +
    'sponsored paywall popular most-read trending outbrain taboola comment comments breadcrumb breadcrumbs ' +
    'tags pagination byline bylines author authors timestamp credit credits disclaimer footer sidebar ' +
    'banner modal popup overlay masthead toolbar more-stories further-reading read-more pullquote ' +
    'pull-quote embed entry-meta post-meta article-meta posted-on'
  ).split(' '),
);

function namesFurniture(names: string): boolean {
  const words = names
    .split(/[\s_-]+|(?<=[a-z])(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  return words.some((w, i) => FURNITURE_WORDS.has(w) || FURNITURE_WORDS.has(`${w}-${words[i + 1]}`));
}

/** Button words of consent banners and sign-up boxes: their box goes with them. */
const FURNITURE_BUTTON =
  /^(accept|accept all|agree|i agree|allow( all)?|reject( all)?|ok|got it|manage (cookies|preferences|settings)|subscribe|sign up|sign me up|register|join)\b/i;

/** A paragraph that is a credit line or a prompt, not the article's words. */
const FURNITURE_PARAGRAPH: RegExp[] = [
  /^\(?(additional )?(reporting|writing|editing|research|compiled|produced|graphics)( and \w+)? by\b/i,
  /^[^.]{0,160}\bcontributed (to )?(this )?(report|story|reporting)\b[^.]{0,80}\.?\)?$/i,
  /^(photo|photograph|image|picture|illustration|video|graphic)s?( credit)?\s*:/i,
  /^(our standards|this (article|story) (was|is) (originally |first )?published)\b/i,
  /\bwe use cookies\b|\bby (continuing|clicking)\b.*\b(agree|consent|accept)\b/i,
  /^(get|sign up for|subscribe to)\b.{0,80}\b(newsletter|briefing|bulletin|inbox)\b/i,
  /\b(newsletter|in your inbox)\b.{0,60}$/i,
  /\b(subscribe|sign up|follow us)\b.{0,60}\b(below|by email|for free|for updates|to get|to receive)\b/i,
];

/** Text-bearing elements read as one block each. */
const BLOCK_TEXT = new Set(['p', 'li', 'pre', 'dd', 'dt', 'address']);
/** Elements read through as part of the text around them. */
const INLINE = new Set(
  'a abbr b bdi bdo br cite code data dfn em i kbd mark q s samp small span strong sub sup time u var wbr font del ins'.split(
    ' ',
  ),
);

/** Reads the article of an HTML page fetched from (or saved from) `pageUrl`. */
export function extractFromHtml(html: string, pageUrl: string | null): ExtractedArticle {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const ld = findJsonLdArticle(document);
  const meta = readMeta(document, ld, pageUrl);

  removeFurniture(document);
  const reader = new Readability(document as never, { serializer: (node: unknown) => node }).parse();
  const content = (reader?.content ?? null) as DomElement | null;
  let blocks = content ? blocksOf(content) : [];

  const articleBody = ld ? textOfArticleBody(ld.node['articleBody']) : [];
  const length = (lines: string[]) => lines.reduce((n, line) => n + line.length, 0);
  if (articleBody.length && length(paragraphsOf(blocks)) < 0.6 * length(articleBody)) blocks = articleBody;

  meta.title ??= cleanText(reader?.title) || null;
  meta.byline ??= cleanByline(reader?.byline);
  meta.publisher ??= cleanText(reader?.siteName) || null;
  meta.published ??= calendarDate(reader?.publishedTime);

  const lines = blocks.filter((b) => !FURNITURE_PARAGRAPH.some((re) => re.test(b.replace(/^#+ /, ''))));
  const markdown = [...(meta.title ? [`# ${meta.title}`] : []), ...lines].join('\n\n') + '\n';
  return { meta, markdown };
}

interface LdArticle {
  node: Record<string, unknown>;
  byId: Map<string, Record<string, unknown>>;
}

/** The page's JSON-LD article node (the best-ranked article type), with every node by `@id`. */
function findJsonLdArticle(document: DomDocument): LdArticle | null {
  const nodes: Record<string, unknown>[] = [];
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      nodes.push(node);
      if (node['@graph']) collect(node['@graph']);
      if (node['mainEntity']) collect(node['mainEntity']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = (script.textContent ?? '').replace(/^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$/g, '');
    try {
      collect(JSON.parse(text));
    } catch {
      // A malformed block is common on real sites; the others and the meta tags still count.
    }
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  for (const pattern of ARTICLE_TYPES) {
    const node = nodes.find((n) => typesOf(n).some((t) => pattern.test(t)));
    if (node) return { node, byId };
  }
  return null;
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** A JSON-LD value's nodes, with `{ "@id": … }` references replaced by the node they name. */
function resolve(ld: LdArticle, value: unknown): unknown[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map((v) => {
    if (v && typeof v === 'object') {
      const id = (v as Record<string, unknown>)['@id'];
      if (typeof id === 'string' && Object.keys(v).length === 1) return ld.byId.get(id) ?? v;
    }
    return v;
  });
}

/** The names in a JSON-LD value: strings as they are, nodes by their `name`. */
function namesOf(ld: LdArticle, value: unknown): string[] {
  return resolve(ld, value)
    .map((v) => (typeof v === 'string' ? v : (v as Record<string, unknown>)?.['name']))
    .filter((n): n is string => typeof n === 'string')
    .map(cleanText)
    .filter(Boolean);
}

function urlOf(ld: LdArticle, value: unknown): string | null {
  for (const v of resolve(ld, value)) {
    const candidate = typeof v === 'string' ? v : (v as Record<string, unknown>)?.['@id'];
    if (typeof candidate === 'string' && /^https?:\/\//i.test(candidate)) return candidate;
  }
  return null;
}

function readMeta(document: DomDocument, ld: LdArticle | null, pageUrl: string | null): SourceMeta {
  const metaTag = (...names: string[]) => {
    for (const name of names) {
      const el =
        document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
      const content = cleanText(el?.getAttribute('content'));
      if (content) return content;
    }
    return null;
  };
  const node = ld?.node;
  const first = (values: string[]) => values[0] ?? null;

  const ldAuthors = ld && node ? namesOf(ld, node['author']) : [];
  const metaAuthor = metaTag('author', 'article:author', 'sailthru.author', 'parsely-author', 'byl');
  const domAuthor = document.querySelector(
    '[itemprop="author"] [itemprop="name"], [rel="author"], [itemprop="author"], .byline, .author',
  )?.textContent;
  const siteName = metaTag('og:site_name', 'application-name', 'publisher');
  const title =
    (ld && node ? first(namesOf(ld, node['headline'])) : null) ??
    metaTag('og:title', 'twitter:title', 'title') ??
    (cleanText(document.title) || null);

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const url =
    (ld && node ? (urlOf(ld, node['url']) ?? urlOf(ld, node['mainEntityOfPage'])) : null) ??
    absoluteUrl(metaTag('og:url'), pageUrl) ??
    absoluteUrl(canonical, pageUrl) ??
    pageUrl;

  const published =
    calendarDate(typeof node?.['datePublished'] === 'string' ? node['datePublished'] : undefined) ??
    calendarDate(typeof node?.['dateCreated'] === 'string' ? node['dateCreated'] : undefined) ??
    calendarDate(
      metaTag(
        'article:published_time',
        'og:article:published_time',
        'datePublished',
        'date',
        'pubdate',
        'publish-date',
        'dc.date',
        'DC.date.issued',
        'parsely-pub-date',
        'sailthru.date',
      ) ?? undefined,
    ) ??
    calendarDate(
      document.querySelector('time[itemprop="datePublished"], time[pubdate]')?.getAttribute('datetime') ??
        undefined,
    );

  return {
    title: title && siteName ? stripSiteName(title, siteName) : title,
    publisher: (ld && node ? first(namesOf(ld, node['publisher'])) : null) ?? siteName,
    published,
    byline:
      cleanByline(ldAuthors.join(', ')) ??
      (metaAuthor && !/^https?:/.test(metaAuthor) ? cleanByline(metaAuthor) : null) ??
      cleanByline(domAuthor?.split(/[|·•\n]/)[0]),
    url: url ? withoutFragment(url) : null,
  };
}

/** "Headline | The Daily Post" → "Headline", when the site's name is the suffix. */
function stripSiteName(title: string, siteName: string): string {
  const suffix = new RegExp(`\\s+[|–—:-]\\s+${siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
  return title.replace(suffix, '') || title;
}

function absoluteUrl(value: string | null, base: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function withoutFragment(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

/** The calendar date a date or date-time names, as it is written (its own time zone); null if unreadable. */
function calendarDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const result = FrontMatterSchema.shape.published.safeParse(value.trim());
  return result.success ? (result.data ?? null) : null;
}

function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** "By Jane Doe and John Roe" → "Jane Doe and John Roe"; null for nothing. */
function cleanByline(value: string | null | undefined): string | null {
  const text = cleanText(value).replace(/^by\s+/i, '');
  return text || null;
}

/** `articleBody` as paragraphs: its lines, or its text when it holds HTML. */
function textOfArticleBody(value: unknown): string[] {
  if (typeof value !== 'string' || !value.trim()) return [];
  if (/<\/?(p|br|div)\b/i.test(value)) {
    const { document } = parseHTML(`<html><body>${value}</body></html>`) as unknown as {
      document: DomDocument;
    };
    return document.body ? blocksOf(document.body) : [];
  }
  return value.split(/\n/).map(cleanText).filter(Boolean);
}

/**
 * Takes page furniture out before Readability looks: elements that are never text, elements whose
 * class or id names furniture, and the box around a consent or sign-up button. The article's own
 * container is never removed, even when a class of it happens to name furniture ("has-comments").
 */
function removeFurniture(document: DomDocument): void {
  const body = document.body ?? document.documentElement;
  const bodyLength = cleanText(body.textContent).length;
  const keep = (el: DomElement) => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article') return true;
    if (el.querySelector('article, main, [itemprop="articleBody"]')) return true;
    return cleanText(el.textContent).length > 0.5 * bodyLength;
  };

  for (const button of Array.from(body.querySelectorAll('button, input[type="submit"], a[role="button"]'))) {
    const label = cleanText(button.textContent) || (button.getAttribute('value') ?? '');
    if (!FURNITURE_BUTTON.test(label)) continue;
    let box = button.closest('form, dialog, aside, section, div');
    // A sign-up form's box is the small block around it, with its pitch ("Get our briefing…").
    while (box?.parentElement && !keep(box.parentElement)) {
      const parent = box.parentElement;
      if (!/^(div|section|aside)$/i.test(parent.tagName) || cleanText(parent.textContent).length > 600) break;
      box = parent;
    }
    if (box && !keep(box)) box.remove();
  }
  for (const el of Array.from(body.querySelectorAll(NEVER_TEXT))) if (!keep(el)) el.remove();
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    const names = `${el.className ?? ''} ${el.id ?? ''}`;
    if (namesFurniture(names) && !keep(el)) el.remove();
  }
}

/**
 * The blocks of an element, in reading order, as Markdown: `## heading`, a paragraph's text, and a
 * figure's caption as an image (`![caption](src)`), which the article parser reads as a caption.
 */
export function blocksOf(root: DomElement): string[] {
  const out: string[] = [];
  let inline = '';
  const flush = () => {
    const text = cleanText(inline);
    if (text) out.push(text);
    inline = '';
  };
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT) {
        inline += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== ELEMENT) continue;
      const el = child as DomElement;
      const tag = el.tagName.toLowerCase();
      if (INLINE.has(tag)) {
        inline += tag === 'br' ? ' ' : (el.textContent ?? '');
        continue;
      }
      flush();
      if (/^h[1-6]$/.test(tag)) {
        const text = cleanText(el.textContent);
        if (text) out.push(`${'#'.repeat(Math.max(2, Number(tag[1])))} ${text}`);
      } else if (tag === 'figure' || tag === 'picture') {
        const caption = cleanText(el.querySelector('figcaption')?.textContent).replace(/[[\]]/g, '');
        const src = el.querySelector('img')?.getAttribute('src') ?? '';
        if (caption) out.push(`![${caption}](${src.replace(/[()\s]/g, '')})`);
      } else if (tag === 'ul' || tag === 'ol') {
        if (linkDensity(el) < 0.5) walk(el);
        // A list of links is other stories; the heading over it ("Read more") goes with it.
        else if (/^#+ /.test(out.at(-1) ?? '')) out.pop();
      } else if (BLOCK_TEXT.has(tag)) {
        if (linkDensity(el) < (tag === 'li' ? 0.5 : 0.8)) {
          inline = el.textContent ?? '';
          flush();
        }
      } else if (tag !== 'img' && tag !== 'table' && tag !== 'figcaption') {
        walk(el);
      }
      flush();
    }
  };
  walk(root);
  flush();
  return withoutEmptySections(out);
}

/**
 * Headings with nothing under them before the next heading of their level or above: what remains of
 * a "Read more" or "Share this" box once its links are gone. Left in, the article parser would read
 * "Read more" as the end of the article.
 */
function withoutEmptySections(blocks: string[]): string[] {
  const level = (block: string | undefined) => /^(#+) /.exec(block ?? '')?.[1]!.length ?? 0;
  const kept: string[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    const own = level(block);
    const next = level(kept[0]);
    if (own && (kept.length === 0 || (next > 0 && next <= own))) continue;
    kept.unshift(block);
  }
  return kept;
}

/** The share of an element's text that is link text. */
function linkDensity(el: DomElement): number {
  const total = cleanText(el.textContent).length;
  if (!total) return 0;
  const links = Array.from(el.querySelectorAll('a')).reduce((n, a) => n + cleanText(a.textContent).length, 0);
  return links / total;
}

/** Blocks that are body text (not headings or captions). */
function paragraphsOf(blocks: string[]): string[] {
  return blocks.filter((b) => !b.startsWith('#') && !b.startsWith('!['));
}

/**
 * Decodes a page's bytes: the charset of the Content-Type, else of a `<meta charset>` in the first
 * kilobyte of an HTML page, else UTF-8.
 */
export function decodePage(bytes: Uint8Array, charset: string | null, html: boolean): string {
  let label = charset;
  if (!label && html) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
    label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
  }
  const decode = (encoding: string) => new TextDecoder(encoding).decode(bytes);
  let text: string;
  try {
    text = decode(label ?? 'utf-8');
  } catch {
    text = decode('utf-8'); // an encoding label the platform does not know
  }
  return text.replace(/^\uFEFF/, '');
}
