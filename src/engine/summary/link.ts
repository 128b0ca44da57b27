/** Links to one sentence of a web article, for readers who want to read it in its place. */

/** Words of a sentence at either end of a text fragment: enough to find it, short enough to survive. */
const FRAGMENT_WORDS = 4;

/** Percent-encodes a text fragment term: `-`, `,` and `&` have meanings in the directive. */
function encodeTerm(text: string): string {
  return encodeURIComponent(text).replace(
    /[-!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The article's URL with a text fragment (`#:~:text=start,end`) that browsers scroll to and
 * highlight: the sentence's first and last few words, or the whole sentence when it is short. Null
 * when the URL is not http(s).
 */
export function sentenceLink(url: string, sentence: string): string | null {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    return null;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return null;
  base.hash = '';
  const words = sentence.trim().split(/\s+/);
  const fragment =
    words.length <= 2 * FRAGMENT_WORDS
      ? encodeTerm(words.join(' '))
      : `${encodeTerm(words.slice(0, FRAGMENT_WORDS).join(' '))},${encodeTerm(words.slice(-FRAGMENT_WORDS).join(' '))}`;
  // A masked link in Discord markdown ends at the first ")".
  return `${base.href}#:~:text=${fragment}`.replace(/\)/g, '%29');
}
