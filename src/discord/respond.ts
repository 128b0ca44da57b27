/**
 * The one gate every Discord payload passes: `fitMessage` and `fitChoices` cut text to Discord's limits
 * (at a word boundary, with an ellipsis) and turn off mention parsing, so that no answer is refused by
 * Discord for its size and no article or user text can ping anyone. `escapeUserText` makes text a user
 * typed safe to echo back: it cannot mention, format, or break out of the embed it is shown in.
 */
import {
  escapeMarkdown,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import {
  ACTION_ROWS_MAX,
  AUTOCOMPLETE_CHOICE_MAX,
  AUTOCOMPLETE_CHOICES_MAX,
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  CONTENT_MAX,
  CUSTOM_ID_MAX,
  EMBED_AUTHOR_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_MAX,
  EMBEDS_TOTAL_MAX,
} from './limits.ts';

/** Appended where text was cut. One character, so it costs one of the limit. */
const ELLIPSIS = '…';

/** A cut may move back to the previous space if that loses at most this share of the allowed length. */
const WORD_BOUNDARY_SLACK = 0.2;

/** One row of message components (buttons), as JSON. */
export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message as Byline means to send it. */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  /** Only the user who asked sees it. */
  ephemeral?: boolean;
}

/** A message fitted to Discord's limits, ready for reply, editReply, followUp or update. */
export interface FittedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  ephemeral: boolean;
  /** Always `{ parse: [] }`: nothing in a reply may ping a user, a role, `@everyone` or `@here`. */
  allowedMentions: { parse: [] };
}

/**
 * Cuts `text` to at most `max` characters: at the last word boundary when one is near, else mid-word,
 * ending in {@link ELLIPSIS}. Never splits a surrogate pair or leaves a dangling escape backslash.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const room = max - ELLIPSIS.length;
  let cut = text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const cutsAWord = /\S/.test(text[cut.length] ?? '') && /\S$/.test(cut);
  if (cutsAWord) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace >= room * (1 - WORD_BOUNDARY_SLACK)) cut = cut.slice(0, lastSpace);
  }
  return cut.replace(/[\s\\]+$/, '') + ELLIPSIS;
}

/**
 * Makes text a user typed safe to show back: markdown is escaped (bold, code, spoilers, links, headings,
 * subtext, lists, quotes) and mentions (`@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>`, command and emoji tags)
 * are broken with a zero-width space so they render as plain text. Line breaks and other runs of
 * white space become one space, so the text stays on the one line it is shown on.
 */
export function escapeUserText(text: string): string {
  // Tags are broken before markdown is escaped: discord.js leaves underscores alone anywhere after
  // what looks like a custom emoji (`<:name:id>`), so `<:e:1> _word_` would stay in italics.
  const inert = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(?=[@#/:]|a:|t:)/g, '<\u200b');
  const escaped = escapeMarkdown(inert, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return escaped.replace(/^(>|-#)/, '\\$1');
}

/** Stands in for an empty field name or value, which Discord refuses. */
const BLANK = '\u200b';

/** Fits one embed's parts to their own limits; the message-wide total is {@link fitMessage}'s job. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (embed.title !== undefined) fitted.title = truncate(embed.title, EMBED_TITLE_MAX);
  if (embed.description !== undefined)
    fitted.description = truncate(embed.description, EMBED_DESCRIPTION_MAX);
  if (embed.footer) fitted.footer = { ...embed.footer, text: truncate(embed.footer.text, EMBED_FOOTER_MAX) };
  if (embed.author) fitted.author = { ...embed.author, name: truncate(embed.author.name, EMBED_AUTHOR_MAX) };
  if (embed.fields) {
    fitted.fields = embed.fields.slice(0, EMBED_FIELDS_MAX).map((field): APIEmbedField => ({
      ...field,
      name: truncate(field.name, EMBED_FIELD_NAME_MAX) || BLANK,
      value: truncate(field.value, EMBED_FIELD_VALUE_MAX) || BLANK,
    }));
  }
  return fitted;
}

/** The characters of an embed that count towards {@link EMBEDS_TOTAL_MAX}. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * Fits a message to every limit and turns mention parsing off. When the embeds together are too long,
 * text goes from the end, as a reader would miss it least: the last fields first, then whole later
 * embeds, then the end of the first embed's description.
 */
export function fitMessage(payload: MessagePayload): FittedMessage {
  const embeds = (payload.embeds ?? []).slice(0, EMBEDS_MAX).map(fitEmbed);
  let excess = embeds.reduce((sum, e) => sum + embedLength(e), 0) - EMBEDS_TOTAL_MAX;
  while (excess > 0) {
    const last = embeds[embeds.length - 1] as APIEmbed;
    const fields = last.fields ?? [];
    const field = fields.pop();
    if (field) {
      excess -= field.name.length + field.value.length;
    } else if (embeds.length > 1) {
      embeds.pop();
      excess -= embedLength(last);
    } else {
      const description = last.description ?? '';
      last.description = truncate(description, Math.max(0, description.length - excess));
      excess = embedLength(last) - EMBEDS_TOTAL_MAX;
      if (excess > 0) throw new Error(`fitMessage: an embed without description is still ${excess} too long`);
    }
  }
  const fitted: FittedMessage = {
    embeds,
    components: (payload.components ?? []).slice(0, ACTION_ROWS_MAX).map(fitActionRow),
    ephemeral: payload.ephemeral ?? false,
    allowedMentions: { parse: [] },
  };
  if (payload.content !== undefined) fitted.content = truncate(payload.content, CONTENT_MAX);
  return fitted;
}

function fitActionRow(row: ActionRow): ActionRow {
  return {
    ...row,
    components: row.components.slice(0, BUTTONS_PER_ROW_MAX).map((component) => {
      const customId = 'custom_id' in component ? component.custom_id : undefined;
      // A cut custom id would lose the state it carries: that is a bug to fix, not text to shorten.
      if (customId !== undefined && customId.length > CUSTOM_ID_MAX) {
        throw new Error(`fitMessage: custom id longer than ${CUSTOM_ID_MAX} characters: ${customId}`);
      }
      return 'label' in component && typeof component.label === 'string'
        ? { ...component, label: truncate(component.label, BUTTON_LABEL_MAX) }
        : component;
    }),
  };
}

/**
 * Fits autocomplete choices: at most {@link AUTOCOMPLETE_CHOICES_MAX}, names and string values cut to
 * {@link AUTOCOMPLETE_CHOICE_MAX}; empty and repeated names are dropped, since Discord refuses them.
 */
export function fitChoices<T extends string | number>(
  choices: readonly APIApplicationCommandOptionChoice<T>[],
): APIApplicationCommandOptionChoice<T>[] {
  const seen = new Set<string>();
  const fitted: APIApplicationCommandOptionChoice<T>[] = [];
  for (const choice of choices) {
    const name = truncate(choice.name.trim(), AUTOCOMPLETE_CHOICE_MAX);
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    const value = (
      typeof choice.value === 'string' ? truncate(choice.value, AUTOCOMPLETE_CHOICE_MAX) : choice.value
    ) as T;
    fitted.push({ name, value });
    if (fitted.length === AUTOCOMPLETE_CHOICES_MAX) break;
  }
  return fitted;
}

/**
 * Removes Discord's markup tags (user, role and channel mentions, slash-command links, custom emoji,
 * timestamps) from text a user sends, before it is used as a question: their ids mean nothing to the
 * articles, and an unknown number would make the engine abstain.
 */
export function stripDiscordTags(text: string): string {
  return text
    .replace(/<(?:@[!&]?\d+|#\d+|\/[^<>:]+:\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?)>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
