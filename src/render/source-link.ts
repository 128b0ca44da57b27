/**
 * Links back to an article's page. A cited sentence is linked with a URL text fragment
 * (`#:~:text=`), which browsers that support it scroll to and highlight.
 */

/** Words either side of a text fragment's gap: enough to find a long sentence, short enough to fit. */
const FRAGMENT_EDGE_WORDS = 5;

/** `url` with a text fragment for `sentence`; the URL itself when it cannot carry one. */
export function sentenceLink(url: string, sentence: string): string {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    return url;
  }
  base.hash = '';
  const words = sentence.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return base.href;
  const fragment =
    words.length <= 2 * FRAGMENT_EDGE_WORDS
      ? encodeFragmentText(words.join(' '))
      : `${encodeFragmentText(words.slice(0, FRAGMENT_EDGE_WORDS).join(' '))},${encodeFragmentText(words.slice(-FRAGMENT_EDGE_WORDS).join(' '))}`;
  return `${base.href}#:~:text=${fragment}`;
}

/** Percent-encodes text for a text fragment: also `-`, `,` and `&`, which the fragment syntax uses. */
function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}
