/**
 * Discord's size limits, in characters (UTF-16 code units, as discord.js counts them). Every payload is
 * fitted to these by `fitMessage` in ./respond.ts before it is sent.
 * Source: https://discord.com/developers/docs/resources/message#embed-object-embed-limits and the
 * component and autocomplete references.
 */

/** Message `content`. */
export const CONTENT_MAX = 2000;
/** Embeds in one message. */
export const EMBEDS_MAX = 10;
/** Embed title. */
export const EMBED_TITLE_MAX = 256;
/** Embed description. */
export const EMBED_DESCRIPTION_MAX = 4096;
/** Fields in one embed. */
export const EMBED_FIELDS_MAX = 25;
/** Embed field name. */
export const EMBED_FIELD_NAME_MAX = 256;
/** Embed field value. */
export const EMBED_FIELD_VALUE_MAX = 1024;
/** Embed footer text. */
export const EMBED_FOOTER_MAX = 2048;
/** Embed author name. */
export const EMBED_AUTHOR_MAX = 256;
/** Title, description, field names and values, footer and author of all embeds of one message, together. */
export const EMBEDS_TOTAL_MAX = 6000;
/** Action rows in one message. */
export const ACTION_ROWS_MAX = 5;
/** Buttons in one action row. */
export const BUTTONS_PER_ROW_MAX = 5;
/** A button's label. */
export const BUTTON_LABEL_MAX = 80;
/** A component's custom id: where button state lives, so it must be designed to fit. */
export const CUSTOM_ID_MAX = 100;
/** Choices in one autocomplete response. */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
/** An autocomplete choice's name, and a string choice's value. */
export const AUTOCOMPLETE_CHOICE_MAX = 100;

/**
 * Discord's time limits on an interaction, in ms. Source:
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
/** An interaction must get its first response (a reply or a deferral) within this of its creation. */
export const INTERACTION_ACK_WINDOW_MS = 3_000;
/** An interaction's token (edits and follow-ups) stays valid this long after its creation. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;
