/**
 * What a person types in Discord is more than words: mentions, custom emoji, markdown, links, and now
 * and then control characters pasted from a terminal. None of it is part of the question, and none of
 * it may be reported as a word "the article never mentions". {@link cleanQuestion} leaves the words.
 */

/** `<@123…>`, `<@!123…>` (users), `<@&123…>` (roles), `<#123…>` (channels), `</cmd:123…>` (commands). */
const DISCORD_MENTION = /<(?:@[!&]?|#|\/[\w -]+:)\d{5,25}>/g;
/** `<:name:123…>` and `<a:name:123…>`: custom emoji. */
const CUSTOM_EMOJI = /<a?:\w{1,32}:\d{5,25}>/g;
/** `<t:1700000000:R>`: Discord time stamps. */
const TIMESTAMP = /<t:-?\d{1,13}(?::[tTdDfFR])?>/g;
/** `@everyone`, `@here`. */
const MASS_MENTION = /@(?:everyone|here)\b/gi;
/** Links: `[text](url)` keeps its text; a bare URL or `<url>` goes. */
const MARKDOWN_LINK = /\[([^\]]*)\]\((?:https?:\/\/|www\.)[^)\s]*\)/gi;
const URL = /<?(?:https?:\/\/|www\.)[^\s>]+>?/gi;
/** ANSI escape sequences, then any other control character. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
/** Markdown marks: code fences and ticks, bold, italics, underline, strike, spoilers, headings, quotes, lists. */
const CODE_FENCE = /```[a-z]*\n?|```/gi;
const INLINE_MARKS = /(\*{1,3}|_{2,3}|~~|\|\||`+)/g;
/** `_italic_` only where the underscores wrap words, so "snake_case" keeps its underscore. */
const UNDERSCORE_ITALIC = /(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,!?;:])/g;
const LINE_MARKS = /^(?:\s*(?:#{1,3}\s+|-#\s+|>{1,3}\s+|[-*+]\s+|\d+\.\s+))+/gm;
/** A backslash escaping a markdown character. */
const ESCAPES = /\\([\\`*_{}[\]()#+\-.!|~>])/g;

/**
 * The question without Discord's and markdown's marks, mentions, links and control characters,
 * with spacing collapsed. `<@123> **who** is the envoy?` becomes `who is the envoy?`.
 */
export function cleanQuestion(text: string): string {
  return text
    .replace(ANSI, ' ')
    .replace(CONTROL, ' ')
    .replace(CODE_FENCE, ' ')
    .replace(DISCORD_MENTION, ' ')
    .replace(CUSTOM_EMOJI, ' ')
    .replace(TIMESTAMP, ' ')
    .replace(MASS_MENTION, ' ')
    .replace(MARKDOWN_LINK, '$1')
    .replace(URL, ' ')
    .replace(LINE_MARKS, '')
    .replace(INLINE_MARKS, '')
    .replace(UNDERSCORE_ITALIC, '$1$2')
    .replace(ESCAPES, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
