/**
 * End to end over the local fake Discord: the real start-up path (startBot with a configuration
 * parsed from an environment) and a real discord.js Client, asserting the REST payloads Discord
 * would receive. Every recorded payload is also checked against Discord's limits.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY, startBot, toDiscordMessage, type Bot, type BotOptions } from '../src/discord/bot.ts';
import { loadCommands, type Command } from '../src/commands.ts';
import { loadConfig } from '../src/config.ts';
import { TEST_VECTORS_DIR } from './support/global-setup.ts';
import { STALE_BUTTON_MESSAGE } from '../src/discord/buttons.ts';
import { Engine } from '../src/engine/engine.ts';
import { createLogger } from '../src/logger.ts';
import { PACER_DEFAULTS } from '../src/discord/pacing.ts';
import { FAKE_USER, FakeDiscord, type FakeUser } from './support/fake-discord.ts';
import { expectWithinLimits } from './support/limits-check.ts';

const TOKEN = 'fake-bot-token.abc.123';
const ANSWERED = 'Who is leading the talks?';
const UNANSWERED = 'What is the capital of Peru?';

/**
 * A command that misbehaves: its handler always throws (a bug the error boundary must contain), and its
 * autocomplete offers more, and longer, choices than Discord takes (the bot must fit them).
 */
const boom: Command = {
  data: { name: 'boom', description: 'Always fails' },
  execute() {
    throw new Error('kaboom');
  },
  autocomplete() {
    return Array.from({ length: 40 }, (_, i) => ({
      name: `choice ${i} ${'word '.repeat(40)}`,
      value: `v${i}`,
    }));
  },
};

type Json = Record<string, unknown>;

interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  logs: Json[];
  close(): Promise<void>;
}

let engine: Engine;
let commands: Map<string, Command>;

beforeAll(async () => {
  engine = await Engine.load('corpus');
  commands = new Map([...(await loadCommands()), ['boom', boom]]);
});

/** A fake Discord and a bot logged into it, configured from `env` like `npm start` would be. */
async function startHarness(
  env: Record<string, string> = {},
  options: Partial<BotOptions> = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const config = loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      VECTORS_DIR: TEST_VECTORS_DIR,
      ...env,
    },
    null,
  );
  const logs: Json[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as Json);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination });
  const bot = await startBot(config, { handleSignals: false, logger, engine, commands, ...options });
  return {
    fake,
    bot,
    logs,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

/** Every message the bot sent is within Discord's limits, and no route was unknown to the fake. */
function expectAllPayloadsValid(fake: FakeDiscord): void {
  expect(fake.unknownRoutes).toEqual([]);
  for (const request of fake.requests) expectWithinLimits(request);
}

const customIdsOf = (data: Json): string[] =>
  ((data.components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) =>
    row.components.map((c) => c.custom_id),
  );
const labelsOf = (data: Json): string[] =>
  ((data.components ?? []) as { components: { label: string }[] }[]).flatMap((row) =>
    row.components.map((c) => c.label),
  );
const embedOf = (data: Json): Json => ((data.embeds ?? []) as Json[])[0] ?? {};

/** The JSON discord.js sends for a fitted message (snake_case allowed_mentions). */
/** The payload the bot must send for the answer to ANSWERED from `offset` on, as it crosses the wire. */
function answerPayload(offset: number, ephemeral: boolean): Json {
  return wireFormOf(toDiscordMessage({ type: 'answer', answer: engine.ask(ANSWERED), offset, ephemeral }));
}

function wireFormOf(message: ReturnType<typeof toDiscordMessage>): Json {
  const { embeds, components } = message;
  return { embeds, components, allowed_mentions: { parse: [] } };
}

describe('the bot on the local Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    // A cooldown no test here reaches: the cooldown has its own suite.
    h = await startHarness({ COOLDOWN_REQUESTS: '1000' });
  });
  afterEach(() => expectAllPayloadsValid(h.fake));
  afterAll(async () => h?.close());

  it('logs in with the Guilds intent only, and never logs the token', () => {
    expect(h.fake.identifies).toEqual([expect.objectContaining({ token: TOKEN, intents: 1 })]);
    expect(h.fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', authorized: true });
    expect(h.logs.find((l) => l.msg === 'Byline is online')).toMatchObject({
      commands: ['Add to Byline', 'article', 'Ask Byline', 'ask', 'quote', 'summary', 'boom'],
      articles: engine.articles.length,
    });
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
  });

  it('answers /ask publicly with the cited passages and their buttons', async () => {
    const { id } = h.fake.sendSlashCommand('ask', { question: ANSWERED });
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: false, deferred: false });
    expect(reply.data).toMatchObject(answerPayload(0, false));
    expect(embedOf(reply.data).title).toBe(ANSWERED);
    expect(labelsOf(reply.data)).toEqual(['More results', 'Show context']);
    expect(customIdsOf(reply.data)[0]).toBe(`more:3:${ANSWERED}`);
    expect(customIdsOf(reply.data)[1]).toMatch(/^context:\d+:000_42abb1b6aa39227c$/);
  });

  it('answers /ask privately when private is set', async () => {
    const { id } = h.fake.sendSlashCommand('ask', { question: ANSWERED, private: true });
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    expect((reply.data.flags as number) & 64).toBe(64);
    expect(embedOf(reply.data).title).toBe(ANSWERED);
  });

  it("says the article doesn't say, with no buttons, when the corpus does not answer", async () => {
    const { id } = h.fake.sendSlashCommand('ask', { question: UNANSWERED });
    const reply = await h.fake.waitForReply(id);
    expect(reply.ephemeral).toBe(false);
    expect(embedOf(reply.data)).toMatchObject({ title: UNANSWERED });
    expect(String(embedOf(reply.data).description)).toMatch(/^The article doesn't say/);
    expect(reply.data.components).toEqual([]);
  });

  it('suggests questions from the corpus as the user types', async () => {
    const { id } = h.fake.sendAutocomplete('ask', { question: 'Who is Boe' }, 'question');
    const reply = await h.fake.waitForReply(id);
    expect(reply.kind).toBe('autocomplete');
    expect(reply.data.choices).toEqual([
      { name: 'Who is Boe', value: 'Who is Boe' },
      { name: 'Who is Boehler', value: 'Who is Boehler' },
    ]);
  });

  it('offers the headings before anything is typed, at most 25', async () => {
    const { id } = h.fake.sendAutocomplete('ask', { question: '' }, 'question');
    const choices = (await h.fake.waitForReply(id)).data.choices as { name: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toBe(engine.articles[0]?.meta.title);
  });

  it("answers /quote with a speaker's quotations, speaker, role and citation, and a context button", async () => {
    const { id } = h.fake.sendSlashCommand('quote', { speaker: 'Leavitt' });
    const reply = await h.fake.waitForReply(id);
    const embed = embedOf(reply.data);
    const fields = embed.fields as { name: string; value: string }[];
    expect(reply).toMatchObject({ kind: 'message', ephemeral: false });
    expect(embed.title).toBe('Quotations by “Leavitt”');
    expect(fields.map((f) => f.name)).toEqual(Array(4).fill('Karoline Leavitt, White House Press Secretary'));
    expect(fields[2]?.value.split('\n')[0]).toBe('“ongoing”');
    expect(fields[2]?.value).toContain('The Times of Israel · 5 Mar 2025 · ¶7');
    expect(labelsOf(reply.data)).toEqual(['Show context']);
  });

  it('autocompletes /quote speakers with their counts', async () => {
    const { id } = h.fake.sendAutocomplete('quote', { speaker: 'ak' }, 'speaker');
    const reply = await h.fake.waitForReply(id);
    expect(reply.data.choices).toEqual([{ name: 'Ofir Akunis (4)', value: 'Ofir Akunis' }]);
  });

  it('lists the speakers quoted when /quote has no option', async () => {
    const { id } = h.fake.sendSlashCommand('quote', {});
    const embed = embedOf((await h.fake.waitForReply(id)).data);
    expect(embed.title).toBe('Speakers quoted');
    expect(String(embed.description).split('\n')[0]).toBe(
      '• Karoline Leavitt (White House Press Secretary): 4 quotations',
    );
  });

  it('answers /summary with the newest article in its own sentences, each with its paragraph', async () => {
    const { id } = h.fake.sendSlashCommand('summary', { length: 'short' });
    const reply = await h.fake.waitForReply(id);
    const embed = embedOf(reply.data);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: false });
    expect(embed.title).toBe(engine.articles[0]?.meta.title);
    expect(String(embed.description).split('\n\n')).toHaveLength(3);
    expect(String(embed.description)).toMatch(/\*\(¶1\)\*$/m);
    expect(reply.data.components).toEqual([]);
  });

  it('autocompletes /summary article titles', async () => {
    const { id } = h.fake.sendAutocomplete('summary', { article: 'hamas' }, 'article');
    const reply = await h.fake.waitForReply(id);
    expect(reply.data.choices).toEqual([
      { name: engine.articles[0]?.meta.title, value: engine.articles[0]?.id },
    ]);
  });

  it('shows the next passages privately on "More results"', async () => {
    const { id } = h.fake.sendButton(`more:3:${ANSWERED}`);
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    expect(reply.data).toMatchObject(answerPayload(3, true));
    expect(labelsOf(reply.data)).toEqual(['Show context']);
  });

  it('shows the paragraphs around the cited one on "Show context", the cited one in bold', async () => {
    const hit = engine.ask(ANSWERED).hits[0];
    const { id } = h.fake.sendButton(`context:${hit?.passage.blockIndex}:${hit?.passage.articleId}`);
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    const embed = embedOf(reply.data);
    expect(embed.title).toBe(engine.articles[0]?.meta.title);
    const paragraphs = String(embed.description).split('\n\n');
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[2]?.startsWith('**')).toBe(true);
    expect(String((embed.footer as Json).text)).toMatch(
      /^Context of The Times of Israel · 5 Mar 2025 · ¶\d+$/,
    );
  });

  it.each([
    ['an unknown kind', 'delete-everything'],
    ['a page past the end', `more:99:${ANSWERED}`],
    ['an article that does not exist', 'context:3:no-such-article'],
    ['a block that does not exist', 'context:99999:000_42abb1b6aa39227c'],
    ['a malformed number', 'more:x:question'],
  ])('answers a forged or stale button (%s) with a polite private message', async (_what, customId) => {
    const { id } = h.fake.sendButton(customId);
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({
      kind: 'message',
      ephemeral: true,
      data: { content: STALE_BUTTON_MESSAGE },
    });
  });

  it('answers "Ask Byline" with the target message as the question', async () => {
    const { id } = h.fake.sendMessageCommand('Ask Byline', { content: ANSWERED });
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: false });
    expect(reply.data).toMatchObject(answerPayload(0, false));
  });

  it('tells the user privately when "Ask Byline" is used on a message without text', async () => {
    const { id } = h.fake.sendMessageCommand('Ask Byline', { content: '' });
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({
      ephemeral: true,
      data: { content: 'That message has no text to ask about.' },
    });
  });

  it('contains a handler that throws: a private apology, the bug logged with the command, the bot still up', async () => {
    const { id } = h.fake.sendSlashCommand('boom');
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true, data: { content: APOLOGY } });
    const logged = h.logs.find((l) => l.msg === 'command boom failed');
    expect(logged).toMatchObject({ level: 50, command: 'boom', err: { message: 'kaboom' } });
    expect(String((logged?.err as Json).stack)).toContain('discord.e2e.test.ts');

    const after = h.fake.sendSlashCommand('ask', { question: ANSWERED });
    expect((await h.fake.waitForReply(after.id)).ephemeral).toBe(false);
  });

  it("fits a command's autocomplete choices to Discord's limits: the first 25, names cut to 100", async () => {
    const { id } = h.fake.sendAutocomplete('boom', { topic: 'x' }, 'topic');
    const choices = (await h.fake.waitForReply(id)).data.choices as { name: string; value: string }[];
    expect(choices.map((c) => c.value)).toEqual(Array.from({ length: 25 }, (_, i) => `v${i}`));
    expect(choices[0]?.name).toBe(`choice 0 ${'word '.repeat(17)}word…`);
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
  });

  it('tells the user privately when a command is no longer loaded', async () => {
    const { id } = h.fake.sendSlashCommand('retired');
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({
      ephemeral: true,
      data: { content: 'This command is no longer available.' },
    });
  });

  it('shows @everyone, a role mention and markdown in a question as plain text, pinging no one', async () => {
    const question = '@everyone <@&123456789012345678> **who** is `talking` to Hamas?';
    const { id } = h.fake.sendSlashCommand('ask', { question });
    const reply = await h.fake.waitForReply(id);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    expect(reply.data.content).toBeUndefined();
    // The role tag is dropped from the question (its id means nothing to the articles); the rest is escaped.
    expect(embedOf(reply.data).title).toBe('@\u200beveryone \\*\\*who\\*\\* is \\`talking\\` to Hamas?');
    expect(labelsOf(reply.data)).toEqual(['More results', 'Show context']);
  });

  it('answers a 300-character question, its title cut to the embed limit', async () => {
    const question = `Who is leading the talks ${'with Hamas in Doha '.repeat(15)}`.slice(0, 299) + '?';
    expect(question).toHaveLength(300);
    const { id } = h.fake.sendSlashCommand('ask', { question });
    const reply = await h.fake.waitForReply(id);
    const title = String(embedOf(reply.data).title);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.endsWith('…')).toBe(true);
    expect(question.startsWith(title.slice(0, -1))).toBe(true);
    for (const customId of customIdsOf(reply.data)) expect(customId.length).toBeLessThanOrEqual(100);
  });
});

describe('the cooldown', () => {
  let h: Harness;
  const now = Date.UTC(2025, 0, 1);
  beforeAll(async () => {
    h = await startHarness({ COOLDOWN_REQUESTS: '2', COOLDOWN_SECONDS: '10' }, { now: () => now });
  });
  afterEach(() => expectAllPayloadsValid(h.fake));
  afterAll(async () => h?.close());

  it('tells a user who asks too often to slow down, privately, and leaves other users alone', async () => {
    const ask = (user: FakeUser) => h.fake.sendSlashCommand('ask', { question: ANSWERED }, { user });
    const first = await h.fake.waitForReply(ask(FAKE_USER).id);
    const second = await h.fake.waitForReply(ask(FAKE_USER).id);
    const third = await h.fake.waitForReply(ask(FAKE_USER).id);
    const other = await h.fake.waitForReply(ask({ id: '1200000000000000009', username: 'other' }).id);
    expect([first.ephemeral, second.ephemeral]).toEqual([false, false]);
    expect(third).toMatchObject({
      ephemeral: true,
      data: { content: 'Slow down: you can ask again in 10 s.' },
    });
    expect(other.ephemeral).toBe(false);
  });
});

describe('deferred replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { pacing: { ...PACER_DEFAULTS, answerDirectlyWithinMs: 0 } });
  });
  afterEach(() => expectAllPayloadsValid(h.fake));
  afterAll(async () => h?.close());

  const pathsOf = (id: string) =>
    h.fake
      .requestsFor(id)
      .map((r) => `${r.method} ${r.path.replace(/\/\d+\/fake-interaction-token-\d+/, '')}`);

  it('defers, then edits the reply, keeping /ask private when asked', async () => {
    const { id } = h.fake.sendSlashCommand('ask', { question: ANSWERED, private: true });
    expect(await h.fake.waitForReply(id)).toMatchObject({ kind: 'message', ephemeral: true, deferred: true });
    expect(pathsOf(id)).toEqual(['POST /interactions/callback', 'PATCH /webhooks/messages/@original']);
    expect(embedOf((await h.fake.waitForReply(id)).data).title).toBe(ANSWERED);
  });

  it('replaces a public deferral by a private apology when the handler throws', async () => {
    const { id } = h.fake.sendSlashCommand('boom');
    await h.fake.waitForRequest((r) => r.interactionId === id && r.method === 'POST' && !!r.query.wait);
    expect(pathsOf(id)).toEqual([
      'POST /interactions/callback',
      'DELETE /webhooks/messages/@original',
      'POST /webhooks',
    ]);
    expect(await h.fake.waitForReply(id)).toMatchObject({ ephemeral: true, data: { content: APOLOGY } });
  });

  it('edits a private deferral into the stale-button message', async () => {
    const { id } = h.fake.sendButton('more:x:forged');
    expect(await h.fake.waitForReply(id)).toMatchObject({
      ephemeral: true,
      deferred: true,
      data: { content: STALE_BUTTON_MESSAGE },
    });
  });
});
