import { Client, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord } from './support/fake-discord.ts';

describe('the fake Discord', () => {
  let fake: FakeDiscord;
  let client: Client;
  const seen: Interaction[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    client.on(Events.InteractionCreate, async (interaction) => {
      seen.push(interaction);
      if (interaction.isChatInputCommand()) {
        if (interaction.options.getBoolean('defer')) {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          await interaction.editReply({ content: `later: ${interaction.options.getString('text')}` });
        } else {
          await interaction.reply({ content: `echo: ${interaction.options.getString('text')}` });
          await interaction.followUp({ content: 'and more', flags: MessageFlags.Ephemeral });
        }
      } else if (interaction.isAutocomplete()) {
        await interaction.respond([{ name: interaction.options.getFocused(), value: 'x' }]);
      } else if (interaction.isButton()) {
        await interaction.update({ content: `clicked ${interaction.customId}` });
      } else if (interaction.isMessageContextMenuCommand()) {
        await interaction.reply({ content: `target said: ${interaction.targetMessage.content}` });
      }
    });
    const ready = once(client, Events.ClientReady);
    await client.login('fake-token');
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('lets a discord.js client log in with the Guilds intent and fetch the gateway with its token', () => {
    expect(client.user?.id).toBe(fake.options.applicationId);
    expect(client.application?.id).toBe(fake.options.applicationId);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]).toMatchObject({ token: 'fake-token', intents: GatewayIntentBits.Guilds });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', authorized: true });
  });

  it('records a reply and a follow-up to a slash command', async () => {
    const { id } = fake.sendSlashCommand('echo', { text: 'hello' });
    expect(await fake.waitForReply(id)).toEqual({
      kind: 'message',
      data: { content: 'echo: hello', tts: false, enforce_nonce: false },
      ephemeral: false,
      deferred: false,
    });
    const followUp = await fake.waitForRequest(
      (r) => r.interactionId === id && r.method === 'POST' && !!r.query.wait,
    );
    expect(followUp.body).toMatchObject({ content: 'and more', flags: MessageFlags.Ephemeral });
    const chat = seen.find((i) => i.id === id);
    expect(chat?.isChatInputCommand() && chat.commandName).toBe('echo');
  });

  it('turns a deferral and an edit of @original into one ephemeral reply', async () => {
    const { id } = fake.sendSlashCommand('echo', { text: 'slow', defer: true });
    const reply = await fake.waitForReply(id);
    expect(reply).toMatchObject({
      kind: 'message',
      ephemeral: true,
      deferred: true,
      data: { content: 'later: slow' },
    });
    expect(
      fake
        .requestsFor(id)
        .map((r) => `${r.method} ${r.path.replace(/\/\d+\/fake-interaction-token-\d+/, '')}`),
    ).toEqual(['POST /interactions/callback', 'PATCH /webhooks/messages/@original']);
  });

  it('delivers autocomplete, button and message context-menu interactions', async () => {
    const auto = fake.sendAutocomplete('echo', { text: 'hel' }, 'text');
    expect(await fake.waitForReply(auto.id)).toMatchObject({
      kind: 'autocomplete',
      data: { choices: [{ name: 'hel', value: 'x' }] },
    });
    const button = fake.sendButton('more:1');
    expect(await fake.waitForReply(button.id)).toMatchObject({
      kind: 'update',
      data: { content: 'clicked more:1' },
    });
    const menu = fake.sendMessageCommand('Ask Byline', { content: 'Who said it?' });
    expect(await fake.waitForReply(menu.id)).toMatchObject({
      data: { content: 'target said: Who said it?' },
    });
  });

  it('acknowledges heartbeats and knows every route the client used', async () => {
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    const messages: unknown[] = [];
    socket.on('message', (raw) => messages.push(JSON.parse(raw.toString())));
    await once(socket, 'open');
    socket.send(JSON.stringify({ op: 1, d: null }));
    while (messages.length < 2) await once(socket, 'message');
    socket.close();
    expect(messages).toEqual([{ op: 10, d: { heartbeat_interval: 45_000 } }, { op: 11 }]);
    expect(fake.unknownRoutes).toEqual([]);
    expect(fake.unknownOpcodes).toEqual([]);
  });
});
