/**
 * Articles added per server, end to end over the local Discord: `/article add` with a link and with an
 * attachment, "Add to Byline" on a message, `/article list` and `remove`, and two servers that never
 * see each other's articles in any answer, quotation, summary, suggestion or button.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../src/discord/bot.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { expectWithinLimits } from './support/limits-check.ts';
import { startNewsServer, type NewsServer } from './support/news-server.ts';

type Json = Record<string, unknown>;
const SERVER_A = '1200000000000000001';
const SERVER_B = '1200000000000000002';
const OHIO_QUESTION = 'How high did the river peak in Cincinnati?';
const embedOf = (data: Json): Json => ((data.embeds ?? []) as Json[])[0] ?? {};
const fieldsOf = (data: Json) => (embedOf(data).fields ?? []) as { name: string; value: string }[];
const customIdsOf = (data: Json): string[] =>
  ((data.components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) =>
    row.components.map((c) => c.custom_id),
  );

let site: NewsServer;
let fake: FakeDiscord;
let bot: Bot;
let corpusDir: string;

beforeAll(async () => {
  site = await startNewsServer();
  fake = await FakeDiscord.start();
  corpusDir = mkdtempSync(join(tmpdir(), 'byline-servers-'));
  copyFileSync('corpus/000_42abb1b6aa39227c.txt', join(corpusDir, '000_42abb1b6aa39227c.txt'));
  const config = loadConfig(
    {
      DISCORD_TOKEN: 'fake-bot-token.abc.123',
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: corpusDir,
      CACHE_DIR: 'off',
      CORPUS_WATCH: 'false',
      ALLOW_PRIVATE_URLS: 'true',
      COOLDOWN_REQUESTS: '1000',
    },
    null,
  );
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  bot = await startBot(config, { handleSignals: false, logger: createLogger({ destination: silent }) });
});

afterEach(() => {
  expect(fake.unknownRoutes).toEqual([]);
  for (const request of fake.requests) expectWithinLimits(request);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await site?.close();
  rmSync(corpusDir, { recursive: true, force: true });
});

async function reply(sent: { id: string }) {
  return fake.waitForReply(sent.id);
}

describe('/article and "Add to Byline"', () => {
  it('adds a link in server A and replies with the card', async () => {
    const r = await reply(
      fake.sendSubcommand(
        'article',
        'add',
        { url: `${site.origin}/news/ohio-river-flood` },
        { guildId: SERVER_A },
      ),
    );
    expect(r.ephemeral).toBe(false);
    const embed = embedOf(r.data);
    expect(embed).toMatchObject({
      author: { name: 'Added' },
      title: 'Flooded Ohio River towns begin cleanup as water recedes',
      url: 'https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c',
    });
    expect(fieldsOf(r.data)).toEqual([
      { name: 'Publisher', value: 'The Associated Press', inline: true },
      { name: 'Date', value: '9 Apr 2025', inline: true },
      { name: 'Byline', value: 'Dylan Lovan, Patrick Aftoora-Orsagos', inline: true },
      { name: 'Paragraphs', value: '6', inline: true },
      { name: 'Link', value: 'https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c' },
      {
        name: 'Try',
        value:
          '`/ask question:What did Ken Stinson say? article:Flooded Ohio River towns begin cleanup as water recedes`',
      },
    ]);
    expect(readdirSync(join(corpusDir, 'servers', SERVER_A))).toEqual([
      '2025-04-09-flooded-ohio-river-towns-begin-cleanup-as-water-recedes.md',
    ]);
  });

  it('says "already in the corpus" for the same article again, and writes nothing', async () => {
    const r = await reply(
      fake.sendSubcommand('article', 'add', { url: `${site.origin}/redirect/1` }, { guildId: SERVER_A }),
    );
    expect(embedOf(r.data).author).toEqual({ name: 'Already in the corpus: nothing was added' });
    expect(readdirSync(join(corpusDir, 'servers', SERVER_A))).toHaveLength(1);
  });

  it('adds an attachment in server B', async () => {
    const file = fake.hostAttachment(
      'library.html',
      readFileSync('test/fixtures/pages/british.html'),
      'text/html',
    );
    const r = await reply(
      fake.sendSubcommand('article', 'add', {}, { guildId: SERVER_B, attachments: { file } }),
    );
    expect(embedOf(r.data)).toMatchObject({
      author: { name: 'Added' },
      title: 'Library closures: councils in England shut 180 branches in two years',
    });
    expect(readdirSync(join(corpusDir, 'servers', SERVER_B))).toHaveLength(1);
  });

  it('refuses an attachment that is not an article file, plainly and privately', async () => {
    const file = fake.hostAttachment('photo.png', Buffer.from([137, 80, 78, 71]), 'image/png');
    const r = await reply(
      fake.sendSubcommand('article', 'add', {}, { guildId: SERVER_B, attachments: { file } }),
    );
    expect(r).toMatchObject({ ephemeral: true });
    expect(r.data.content).toBe(
      'photo.png is not an article file: Byline reads .html, .htm, .txt and .md files.',
    );
  });

  it('adds the article a message links to with "Add to Byline"', async () => {
    const r = await reply(
      fake.sendMessageCommand(
        'Add to Byline',
        { content: `Worth a read: ${site.origin}/2024/11/shared-ebikes-six-months/ (via the newsletter)` },
        { guild_id: SERVER_A },
      ),
    );
    expect(embedOf(r.data).title).toBe('What six months of shared e-bikes taught our town');
  });

  it('adds the file a message has attached with "Add to Byline"', async () => {
    const file = fake.hostAttachment('harbour.html', readFileSync('test/fixtures/pages/jsonld-only.html'));
    const r = await reply(
      fake.sendMessageCommand(
        'Add to Byline',
        { content: 'see attached', attachments: [file] },
        { guild_id: SERVER_B },
      ),
    );
    expect(embedOf(r.data).title).toBe('Harbour authority approves £90m dredging plan');
  });

  it("lists each server's own articles, newest first", async () => {
    const a = await reply(fake.sendSubcommand('article', 'list', {}, { guildId: SERVER_A }));
    expect(String(embedOf(a.data).description).split('\n')).toEqual([
      '1. What six months of shared e-bikes taught our town — Pedal Notes · 18 Nov 2024 · 7 ¶',
      '2. Flooded Ohio River towns begin cleanup as water recedes — The Associated Press · 9 Apr 2025 · 6 ¶',
    ]);
    const b = await reply(fake.sendSubcommand('article', 'list', {}, { guildId: SERVER_B }));
    expect(embedOf(b.data).footer).toEqual({ text: 'Page 1 of 1 · 2 articles, newest added first' });
  });

  it('registers adding and removing for Manage Server by default, in servers only', () => {
    const article = bot.commands.get('article')!.data as unknown as Json;
    const message = bot.commands.get('Add to Byline')!.data as unknown as Json;
    expect(article).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(message).toMatchObject({ default_member_permissions: '32', contexts: [0], type: 3 });
  });
});

describe('two servers over the local Discord', () => {
  it("answers the card's suggested question", async () => {
    const r = await reply(
      fake.sendSlashCommand(
        'ask',
        { question: 'What about Ohio River?', article: 'Flooded Ohio River' },
        { guild_id: SERVER_A },
      ),
    );
    expect(String(embedOf(r.data).description)).toContain('Ohio');
  });

  it('cites an article in the server that added it, linking back to the cited sentence', async () => {
    const r = await reply(fake.sendSlashCommand('ask', { question: OHIO_QUESTION }, { guild_id: SERVER_A }));
    const embed = embedOf(r.data);
    expect(embed.url).toBe('https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c');
    expect(String(embed.description)).toContain('58.2 feet in Cincinnati');
    expect(String(embed.description)).toContain(
      '[Read in the article](https://apnews.example/article/ohio-river-flood-cleanup-4f2a9c#:~:text=The%20river%20peaked%20at%2058.2,to%20the%20National%20Weather%20Service.)',
    );
  });

  it('never cites, quotes, summarises or suggests it in the other server', async () => {
    const b = { guild_id: SERVER_B };
    const everything = (data: Json) => JSON.stringify(data);
    const ask = await reply(fake.sendSlashCommand('ask', { question: OHIO_QUESTION }, b));
    expect(embedOf(ask.data)).toEqual({
      title: OHIO_QUESTION,
      description: "The article doesn't say.",
      color: expect.any(Number),
    });
    const quote = await reply(fake.sendSlashCommand('quote', { speaker: 'Stinson' }, b));
    expect(everything(quote.data)).not.toMatch(/Stinson said|floods before/);
    const speakers = await reply(fake.sendSlashCommand('quote', {}, b));
    expect(everything(speakers.data)).not.toContain('Stinson');
    const summary = await reply(fake.sendSlashCommand('summary', { article: 'Flooded Ohio River' }, b));
    expect(summary.data.content).toBe('No article\'s title matches "Flooded Ohio River".');
    const titles = await reply(fake.sendAutocomplete('summary', { article: 'Flooded' }, 'article', b));
    expect(titles.data.choices).toEqual([]);
    const words = await reply(
      fake.sendAutocomplete('ask', { question: 'what about cincinn' }, 'question', b),
    );
    expect(words.data.choices).toEqual([{ name: 'what about cincinn', value: 'what about cincinn' }]);
    const headings = await reply(fake.sendAutocomplete('ask', { question: '' }, 'question', b));
    expect(everything(headings.data)).not.toContain('Flooded');
    const speakerNames = await reply(fake.sendAutocomplete('quote', { speaker: 'sti' }, 'speaker', b));
    expect(speakerNames.data.choices).toEqual([]);
    const removable = await reply(fake.sendAutocomplete('article', { article: '' }, 'article', b));
    expect(everything(removable.data)).not.toContain('Flooded');
  });

  it('quotes, summarises and suggests it in the server that added it', async () => {
    const a = { guild_id: SERVER_A };
    const quote = await reply(fake.sendSlashCommand('quote', { speaker: 'Stinson' }, a));
    expect(fieldsOf(quote.data)[0]?.value).toContain('through floods before');
    const words = await reply(
      fake.sendAutocomplete('ask', { question: 'what about cincinn' }, 'question', a),
    );
    expect(words.data.choices).toContainEqual({
      name: 'what about Cincinnati',
      value: 'what about Cincinnati',
    });
    const summary = await reply(fake.sendSlashCommand('summary', { article: 'Flooded Ohio River' }, a));
    expect(embedOf(summary.data).title).toBe('Flooded Ohio River towns begin cleanup as water recedes');
  });

  it("treats one server's context button as stale in the other", async () => {
    const r = await reply(fake.sendSlashCommand('ask', { question: OHIO_QUESTION }, { guild_id: SERVER_A }));
    const context = customIdsOf(r.data).find((id) => id.startsWith('context:'))!;
    const inA = await reply(fake.sendButton(context, {}, { guild_id: SERVER_A }));
    expect(embedOf(inA.data).title).toBe('Flooded Ohio River towns begin cleanup as water recedes');
    const inB = await reply(fake.sendButton(context, {}, { guild_id: SERVER_B }));
    expect(inB.data.content).toMatch(/^This button no longer works/);
  });

  it('answers from the shared articles in every server', async () => {
    for (const guild_id of [SERVER_A, SERVER_B]) {
      const r = await reply(fake.sendSlashCommand('ask', { question: 'Who is Adam Boehler?' }, { guild_id }));
      expect(String(embedOf(r.data).description)).toContain('Adam Boehler');
    }
  });

  it('removes an article in its server, after which it no longer answers', async () => {
    const choices = await reply(
      fake.sendAutocomplete('article', { article: 'flood' }, 'article', { guild_id: SERVER_A }),
    );
    const [choice] = choices.data.choices as { name: string; value: string }[];
    expect(choice?.name).toBe('Flooded Ohio River towns begin cleanup as water recedes');
    const r = await reply(
      fake.sendSubcommand('article', 'remove', { article: choice!.value }, { guildId: SERVER_A }),
    );
    expect(embedOf(r.data).author).toEqual({ name: 'Removed' });
    expect(existsSync(join(corpusDir, 'servers', SERVER_A, choice!.value))).toBe(false);
    const ask = await reply(
      fake.sendSlashCommand('ask', { question: OHIO_QUESTION }, { guild_id: SERVER_A }),
    );
    expect(JSON.stringify(ask.data)).not.toContain('58.2 feet');
  });
});
