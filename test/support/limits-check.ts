/**
 * Checks a REST request the bot sent against Discord's limits and mention rules: what the real
 * Discord would refuse (or let ping someone) fails the test here.
 */
import { expect } from 'vitest';
import * as L from '../../src/discord/limits.ts';
import type { RecordedRequest } from './fake-discord.ts';

type Json = Record<string, unknown>;

/** The message bodies a request carries: a callback's `data`, or a webhook edit or follow-up. */
function messagesOf(request: RecordedRequest): { message: Json; where: string }[] {
  const body = (request.body ?? {}) as Json;
  const where = `${request.method} ${request.path}`;
  if (request.path.endsWith('/callback')) {
    // Deferrals (5, 6) carry no message; autocomplete (8) is checked by choicesOf.
    return body.type === 4 || body.type === 7 ? [{ message: (body.data ?? {}) as Json, where }] : [];
  }
  if (request.path.startsWith('/webhooks/') && (request.method === 'POST' || request.method === 'PATCH')) {
    return [{ message: body, where }];
  }
  return [];
}

/** Asserts one recorded request obeys every limit; returns how many message bodies it checked. */
export function expectWithinLimits(request: RecordedRequest): number {
  const body = (request.body ?? {}) as Json;
  if (request.path.endsWith('/callback') && body.type === 8) {
    const choices = ((body.data as Json).choices ?? []) as { name: string; value: unknown }[];
    expect(choices.length).toBeLessThanOrEqual(L.AUTOCOMPLETE_CHOICES_MAX);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(L.AUTOCOMPLETE_CHOICE_MAX);
      expect(String(c.value).length).toBeLessThanOrEqual(L.AUTOCOMPLETE_CHOICE_MAX);
    }
    return 1;
  }
  const messages = messagesOf(request);
  for (const { message, where } of messages) {
    expectMessageWithinLimits(message, where);
    const embeds = (message.embeds ?? []) as Json[];
    expect(String(message.content ?? '').length + embeds.length, `${where}: empty message`).toBeGreaterThan(
      0,
    );
  }
  return messages.length;
}

/**
 * Asserts one message body (API JSON: `allowed_mentions`, `embeds`, `components`) obeys every limit
 * and mentions nobody; `where` names it in a failure.
 */
export function expectMessageWithinLimits(message: Json, where: string): void {
  expect(message.allowed_mentions, `${where}: allowed_mentions`).toEqual({ parse: [] });
  expect(String(message.content ?? '').length, `${where}: content`).toBeLessThanOrEqual(L.CONTENT_MAX);
  const embeds = (message.embeds ?? []) as Json[];
  expect(embeds.length).toBeLessThanOrEqual(L.EMBEDS_MAX);
  let total = 0;
  for (const e of embeds) {
    const title = String(e.title ?? '');
    const description = String(e.description ?? '');
    const footer = String((e.footer as Json | undefined)?.text ?? '');
    const author = String((e.author as Json | undefined)?.name ?? '');
    const fields = (e.fields ?? []) as { name: string; value: string }[];
    expect(title.length, `${where}: title`).toBeLessThanOrEqual(L.EMBED_TITLE_MAX);
    expect(description.length, `${where}: description`).toBeLessThanOrEqual(L.EMBED_DESCRIPTION_MAX);
    expect(footer.length).toBeLessThanOrEqual(L.EMBED_FOOTER_MAX);
    expect(author.length).toBeLessThanOrEqual(L.EMBED_AUTHOR_MAX);
    expect(fields.length).toBeLessThanOrEqual(L.EMBED_FIELDS_MAX);
    for (const f of fields) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(L.EMBED_FIELD_NAME_MAX);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(L.EMBED_FIELD_VALUE_MAX);
    }
    total += title.length + description.length + footer.length + author.length;
    total += fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  }
  expect(total, `${where}: embeds in all`).toBeLessThanOrEqual(L.EMBEDS_TOTAL_MAX);
  const rows = (message.components ?? []) as { components: Json[] }[];
  expect(rows.length).toBeLessThanOrEqual(L.ACTION_ROWS_MAX);
  for (const row of rows) {
    expect(row.components.length).toBeLessThanOrEqual(L.BUTTONS_PER_ROW_MAX);
    for (const c of row.components) {
      expect(String(c.custom_id ?? '').length).toBeLessThanOrEqual(L.CUSTOM_ID_MAX);
      expect(String(c.label ?? '').length).toBeLessThanOrEqual(L.BUTTON_LABEL_MAX);
    }
  }
}
