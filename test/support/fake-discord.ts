/**
 * A small local Discord for tests: the REST routes the bot uses and a gateway that a real discord.js
 * `Client` logs into. Point the client at `fake.apiUrl` (discord.js `rest: { api }`, or the bot's
 * `DISCORD_API_URL`). Every REST request is recorded so tests can assert on payloads and await the reply
 * to a given interaction. Nothing leaves 127.0.0.1.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One REST request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, URL-decoded (`@original`, not `%40original`). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or null when there was none. */
  body: unknown;
  /** Whether an Authorization header came with it (interaction routes go without). */
  authorized: boolean;
  /** The interaction this request answers, when it is an interaction or webhook route. */
  interactionId: string | null;
  /** The HTTP status the fake answered with. */
  status?: number;
}

/** What a user finally saw for one interaction. */
export interface InteractionReply {
  /** `message` for a reply or follow-up, `update` for a component's message edit, `autocomplete` for choices. */
  kind: 'message' | 'update' | 'autocomplete';
  /** The message data (content, embeds, components, flags, allowed_mentions) or `{ choices }`. */
  data: Record<string, unknown>;
  ephemeral: boolean;
  /** Whether the reply came after a deferral (an edit of `@original`). */
  deferred: boolean;
}

/**
 * A fault injected into the fake's REST: instead of routing a request, answer it with `status` and
 * `body` (e.g. 404 with Discord's code 10062), and/or answer it only after `delayMs`. `headers` are
 * added to the response (e.g. `retry-after` with a 429).
 */
export interface RestFault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Extra fields for an interaction the fake sends. */
export interface InteractionExtra {
  user?: FakeUser;
  guild_id?: string;
  /** Date the interaction's snowflake this many ms in the past: one that reaches the bot late. */
  ageMs?: number;
}

/** The user interactions come from unless a test says otherwise. */
export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  discriminator?: string;
  avatar?: string | null;
  bot?: boolean;
}

/** A message an interaction targets ("Ask Byline") or a button sits under. */
export interface FakeMessageInput {
  id?: string;
  content: string;
  author?: FakeUser;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  /** Files attached to the message (see {@link FakeDiscord.hostAttachment}). */
  attachments?: Json[];
}

/** Where an interaction comes from, when not the fake's default guild. */
export interface FakeOrigin {
  user?: FakeUser;
  /** The server (guild) the interaction comes from; default `options.guildId`. */
  guildId?: string;
}

/** Options for {@link FakeDiscord.start}, merged over {@link FAKE_DISCORD_DEFAULTS}. */
export interface FakeDiscordOptions {
  /** The application id READY announces and interactions carry. */
  applicationId: string;
  /** Guild that interactions come from. */
  guildId: string;
  /** Channel that interactions come from. */
  channelId: string;
  /**
   * Heartbeat interval sent in HELLO, in ms. Long by default so that a test never waits on a heartbeat;
   * heartbeats are still acknowledged whenever they come.
   */
  heartbeatIntervalMs: number;
  /** Print unknown routes and opcodes to stderr (they are always recorded). */
  logUnknown: boolean;
  /**
   * Enforce Discord's acknowledgement window: a first callback more than this many ms after the
   * interaction's creation (its snowflake) gets 404 Unknown interaction (10062), as on Discord.
   * Null (the default) accepts a callback at any time.
   */
  ackWindowMs: number | null;
}

export const FAKE_DISCORD_DEFAULTS: FakeDiscordOptions = {
  applicationId: '1100000000000000001',
  guildId: '1100000000000000002',
  channelId: '1100000000000000003',
  heartbeatIntervalMs: 45_000,
  logUnknown: true,
  ackWindowMs: null,
};

/** The bot account READY introduces. */
export const FAKE_BOT_USER: FakeUser = {
  id: FAKE_DISCORD_DEFAULTS.applicationId,
  username: 'Byline',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

/** The default user who asks. */
export const FAKE_USER: FakeUser = {
  id: '1200000000000000001',
  username: 'reader',
  discriminator: '0',
  global_name: 'Reader',
  avatar: null,
};

const API_PREFIX = '/api/v10';
/** Snowflakes count ms from the first second of 2015. */
const DISCORD_EPOCH = 1_420_070_400_000;
const GATEWAY_PATH = '/gateway';
const EPHEMERAL = 1 << 6;

/** Interaction callback types (discord-api-types InteractionResponseType), named for readability here. */
const Callback = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface InteractionRecord {
  id: string;
  token: string;
  /** When the interaction was created (its snowflake's time), in ms since the epoch. */
  createdAt: number;
  /** Whether a callback has been accepted (a second one gets 40060, as on Discord). */
  acknowledged: boolean;
  payload: Record<string, unknown>;
  /** The reply message as it stands (`@original`), once there is one. */
  original: Record<string, unknown> | null;
}

type Json = Record<string, unknown>;

export class FakeDiscord {
  readonly options: FakeDiscordOptions;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** REST requests for routes the fake does not know: a test should expect none. */
  readonly unknownRoutes: RecordedRequest[] = [];
  /** IDENTIFY payloads received on the gateway. */
  readonly identifies: Json[] = [];
  /** Gateway opcodes received that the fake does not handle. */
  readonly unknownOpcodes: Json[] = [];
  /** Application commands as last overwritten, per scope (`global` or the guild id). */
  readonly commands = new Map<string, Json[]>();

  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  readonly #ready = new Set<WebSocket>();
  /** The `[shard id, shard count]` each connection identified with. */
  readonly #shards = new Map<WebSocket, [number, number]>();
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();
  readonly #events = new EventEmitter();
  /** Files served for attachments, by path. */
  readonly #files = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly #faults = new Set<(request: RecordedRequest) => RestFault | null | undefined>();
  #sequence = 0;
  #snowflake = 0n;

  private constructor(options: FakeDiscordOptions) {
    this.options = options;
    this.#server = createServer((req, res) => void this.#handleHttp(req, res));
    this.#wss = new WebSocketServer({ server: this.#server, path: GATEWAY_PATH });
    this.#wss.on('connection', (socket) => this.#handleSocket(socket));
    this.#events.setMaxListeners(0);
  }

  /** Starts the fake on 127.0.0.1 on a free port. */
  static async start(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord({ ...FAKE_DISCORD_DEFAULTS, ...options });
    fake.#server.listen(0, '127.0.0.1');
    await once(fake.#server, 'listening');
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The REST base URL without the version, as discord.js `rest.api` and `DISCORD_API_URL` take it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}${GATEWAY_PATH}`;
  }

  /** Resolves once `connections` clients (shards) have identified and been sent READY. */
  async waitForReady(connections = 1): Promise<void> {
    while (this.#ready.size < connections) await once(this.#events, 'ready');
  }

  /** Calls `listener` with every REST request as it is recorded; returns a function that stops it. */
  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.#events.on('request', listener);
    return () => this.#events.off('request', listener);
  }

  /**
   * Injects a REST fault: `fault` sees every request before it is routed and returns the fault to apply
   * to it, or null to let it through. Returns a function that removes it.
   */
  injectFault(fault: (request: RecordedRequest) => RestFault | null | undefined): () => void {
    this.#faults.add(fault);
    return () => this.#faults.delete(fault);
  }

  /** What the user sees for an interaction so far, without waiting: null while there is no reply. */
  replyTo(interactionId: string): InteractionReply | null {
    return this.#replyFrom(this.requestsFor(interactionId));
  }

  /** Resolves once every gateway connection has closed. */
  async waitForDisconnect(): Promise<void> {
    while (this.#sockets.size > 0) await once(this.#events, 'socket-closed');
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  async waitForRequest(match: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    for (;;) {
      const found = this.requests.find(match);
      if (found) return found;
      await once(this.#events, 'request');
    }
  }

  /** The REST requests that answered one interaction (its callback, edits, follow-ups), in order. */
  requestsFor(interactionId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.interactionId === interactionId);
  }

  /**
   * Resolves with what the user finally sees for an interaction: the reply (after a deferral, the edit
   * of `@original`), a follow-up, the updated message, or the autocomplete choices.
   */
  async waitForReply(interactionId: string): Promise<InteractionReply> {
    for (;;) {
      const reply = this.#replyFrom(this.requestsFor(interactionId));
      if (reply) return reply;
      await once(this.#events, 'request');
    }
  }

  /**
   * Dispatches a gateway event to every ready connection; an event of a guild goes, as on Discord,
   * only to the shard that guild belongs to: `(guild_id >> 22) % shard count`.
   */
  dispatch(event: string, data: unknown): void {
    if (this.#ready.size === 0) throw new Error('fake Discord: no client is connected and ready');
    const guildId = (data as Json | null)?.guild_id;
    for (const socket of this.#ready) {
      const [shard, count] = this.#shards.get(socket) ?? [0, 1];
      if (typeof guildId === 'string' && shardOf(guildId, count) !== shard) continue;
      this.#send(socket, { op: Op.Dispatch, t: event, s: ++this.#sequence, d: data });
    }
  }

  /**
   * Dispatches INTERACTION_CREATE with the fields discord.js needs (entitlements, app permissions,
   * authorizing integration owners, member, channel) filled in; `fields` override them.
   * Returns the full payload, whose `id` names the interaction in {@link waitForReply}.
   */
  sendInteraction(fields: Json & { type: number } & InteractionExtra): Json & { id: string; token: string } {
    const { user = FAKE_USER, ageMs = 0, ...rest } = fields;
    const createdAt = Date.now() - ageMs;
    const id = this.nextSnowflake(createdAt);
    const token = `fake-interaction-token-${id}`;
    const { guildId, channelId, applicationId } = this.options;
    const payload = {
      id,
      token,
      application_id: applicationId,
      version: 1,
      guild_id: guildId,
      channel_id: channelId,
      channel: {
        id: channelId,
        type: 0,
        guild_id: guildId,
        name: 'news',
        nsfw: false,
        position: 0,
        flags: 0,
      },
      member: {
        user,
        roles: [],
        permissions: '2248473465835073',
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
      },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 8_388_608,
      ...rest,
    } as Json & { id: string; token: string };
    const record: InteractionRecord = { id, token, createdAt, acknowledged: false, payload, original: null };
    this.#interactions.set(id, record);
    this.#byToken.set(token, record);
    this.dispatch('INTERACTION_CREATE', payload);
    return payload;
  }

  /** A slash command invocation; options are given by name (string, integer, number or boolean). */
  sendSlashCommand(
    name: string,
    options: Record<string, string | number | boolean> = {},
    extra: InteractionExtra = {},
  ): Json & { id: string; token: string } {
    return this.sendInteraction({
      type: 2,
      data: { id: this.#commandId(name, 1), name, type: 1, options: toOptions(options) },
      ...extra,
    });
  }

  /** An autocomplete request: `focused` names the option being typed. */
  sendAutocomplete(
    name: string,
    options: Record<string, string | number | boolean>,
    focused: string,
    extra: InteractionExtra = {},
  ): Json & { id: string; token: string } {
    const withFocus = toOptions(options).map((o) => (o.name === focused ? { ...o, focused: true } : o));
    return this.sendInteraction({
      type: 4,
      data: { id: this.#commandId(name, 1), name, type: 1, options: withFocus },
      ...extra,
    });
  }

  /** A click on a button with `customId` under `message` (by default, a bot message). */
  sendButton(
    customId: string,
    message: Partial<FakeMessageInput> = {},
    extra: InteractionExtra = {},
  ): Json & { id: string; token: string } {
    return this.sendInteraction({
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: this.fakeMessage({ content: '', author: FAKE_BOT_USER, ...message }),
      ...extra,
    });
  }

  /** A message context-menu command ("Ask Byline") on a message with `target.content`. */
  sendMessageCommand(
    name: string,
    target: FakeMessageInput,
    extra: InteractionExtra = {},
  ): Json & { id: string; token: string } {
    const message = this.fakeMessage(target);
    return this.sendInteraction({
      type: 2,
      data: {
        id: this.#commandId(name, 3),
        name,
        type: 3,
        target_id: message.id,
        resolved: { messages: { [message.id as string]: message } },
      },
      ...extra,
    });
  }

  /** A complete message object as Discord would send it. */
  fakeMessage(input: Partial<FakeMessageInput>): Json & { id: string } {
    const {
      id = this.nextSnowflake(),
      content = '',
      author = FAKE_USER,
      embeds = [],
      components = [],
      flags = 0,
      attachments = [],
    } = input;
    return {
      id,
      channel_id: this.options.channelId,
      type: 0,
      content,
      author,
      embeds,
      components,
      flags,
      attachments,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
    };
  }

  /**
   * Serves `body` at a CDN-like URL of this fake (`/attachments/<id>/<name>`), as Discord serves a
   * message's files, and returns the attachment object that messages and options carry.
   */
  hostAttachment(name: string, body: string | Buffer, contentType = 'application/octet-stream'): Json {
    const id = this.nextSnowflake();
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const path = `/attachments/${id}/${encodeURIComponent(name)}`;
    this.#files.set(path, { bytes, contentType });
    const url = `http://127.0.0.1:${this.port}${path}`;
    return { id, filename: name, size: bytes.length, url, proxy_url: url, content_type: contentType };
  }

  /**
   * A slash command with a subcommand (`/article add`), from `origin`'s guild. String, number and
   * boolean options as in {@link sendSlashCommand}; `attachments` are attachment options by name.
   */
  sendSubcommand(
    name: string,
    subcommand: string,
    options: Record<string, string | number | boolean> = {},
    origin: FakeOrigin & { attachments?: Record<string, Json> } = {},
  ): Json & { id: string; token: string } {
    const { user, guildId, attachments = {} } = origin;
    const attachmentOptions = Object.entries(attachments).map(([option, file]) => ({
      name: option,
      type: 11,
      value: file.id,
    }));
    return this.sendInteraction({
      type: 2,
      data: {
        id: this.#commandId(name, 1),
        name,
        type: 1,
        options: [{ type: 1, name: subcommand, options: [...toOptions(options), ...attachmentOptions] }],
        ...(attachmentOptions.length
          ? {
              resolved: { attachments: Object.fromEntries(Object.values(attachments).map((f) => [f.id, f])) },
            }
          : {}),
      },
      ...(user ? { user } : {}),
      ...(guildId ? { guild_id: guildId } : {}),
    });
  }

  /**
   * A fresh snowflake (increasing), dated now as Discord's are: the bot reads an interaction's age from
   * its id.
   */
  nextSnowflake(at = Date.now()): string {
    this.#snowflake += 1n;
    return ((BigInt(at - DISCORD_EPOCH) << 22n) + (this.#snowflake & 0x3fffffn)).toString();
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #commandId(name: string, type: number): string {
    const scope = this.commands.get(this.options.guildId) ?? this.commands.get('global') ?? [];
    const known = scope.find((c) => c.name === name && (c.type ?? 1) === type);
    return typeof known?.id === 'string' ? known.id : '1300000000000000001';
  }

  #replyFrom(requests: RecordedRequest[]): InteractionReply | null {
    let deferredAs: { kind: 'message' | 'update'; ephemeral: boolean } | null = null;
    for (const request of requests) {
      // A refused request (a fault, 10062, 40060) shows the user nothing.
      if ((request.status ?? 200) >= 400) continue;
      const body = (request.body ?? {}) as Json;
      if (request.path.endsWith('/callback')) {
        const data = (body.data ?? {}) as Json;
        const ephemeral = hasEphemeralFlag(data.flags);
        switch (body.type) {
          case Callback.ChannelMessageWithSource:
            return { kind: 'message', data, ephemeral, deferred: false };
          case Callback.UpdateMessage:
            return { kind: 'update', data, ephemeral: false, deferred: false };
          case Callback.ApplicationCommandAutocompleteResult:
            return { kind: 'autocomplete', data, ephemeral: true, deferred: false };
          case Callback.DeferredChannelMessageWithSource:
            deferredAs = { kind: 'message', ephemeral };
            break;
          case Callback.DeferredMessageUpdate:
            deferredAs = { kind: 'update', ephemeral: false };
            break;
        }
      } else if (request.method === 'PATCH' && request.path.endsWith('/messages/@original') && deferredAs) {
        return { kind: deferredAs.kind, data: body, ephemeral: deferredAs.ephemeral, deferred: true };
      } else if (request.method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(request.path)) {
        return { kind: 'message', data: body, ephemeral: hasEphemeralFlag(body.flags), deferred: false };
      }
    }
    return null;
  }

  // ---- REST ----

  async #handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = this.#files.get(url.pathname);
    if (file) {
      res
        .writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length })
        .end(file.bytes);
      return;
    }
    const raw = await readBody(req);
    let body: unknown = null;
    if (raw.length > 0) {
      const type = req.headers['content-type'] ?? '';
      body = type.startsWith('application/json') ? JSON.parse(raw) : raw;
    }
    const path = url.pathname.startsWith(API_PREFIX)
      ? url.pathname.slice(API_PREFIX.length).split('/').map(decodeURIComponent).join('/')
      : url.pathname;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: typeof req.headers.authorization === 'string',
      interactionId: null,
    };
    const fault = this.#faultFor(request);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    let [status, response]: [number, unknown] =
      fault?.status !== undefined ? [fault.status, fault.body ?? null] : [0, null];
    if (fault?.status !== undefined) {
      request.interactionId = this.#interactionOf(request.path);
    } else {
      [status, response] = url.pathname.startsWith(API_PREFIX)
        ? this.#route(request)
        : [404, { message: 'the fake Discord serves /api/v10 only', code: 0 }];
      if (status === 404 && response !== null && (response as Json).code === 0) this.#unknown(request);
    }
    request.status = status;
    this.requests.push(request);
    this.#events.emit('request', request);
    const headers = fault?.headers ?? {};
    if (response === null) {
      res.writeHead(status, headers).end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(response));
    }
  }

  #faultFor(request: RecordedRequest): RestFault | null {
    for (const fault of this.#faults) {
      const found = fault(request);
      if (found) return found;
    }
    return null;
  }

  /** The interaction an interaction or webhook route belongs to, whatever happens to the request. */
  #interactionOf(path: string): string | null {
    const parts = path.split('/').slice(1);
    if (parts[0] === 'interactions') return this.#interactions.get(parts[1] ?? '')?.id ?? null;
    if (parts[0] === 'webhooks') return this.#byToken.get(parts[2] ?? '')?.id ?? null;
    return null;
  }

  #unknown(request: RecordedRequest): void {
    this.unknownRoutes.push(request);
    if (this.options.logUnknown) {
      console.error(`\n!!! fake Discord: UNKNOWN ROUTE ${request.method} ${request.path}\n`, request.body);
    }
  }

  /** Returns [status, JSON body or null for an empty 204]. */
  #route(request: RecordedRequest): [number, unknown] {
    const { method, path } = request;
    const parts = path.split('/').slice(1);
    const { applicationId } = this.options;

    if (method === 'GET' && path === '/gateway/bot') {
      if (!request.authorized) return [401, { message: '401: Unauthorized', code: 0 }];
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (method === 'GET' && path === '/gateway') return [200, { url: this.gatewayUrl }];

    // /interactions/:id/:token/callback
    if (parts[0] === 'interactions' && parts[3] === 'callback' && method === 'POST') {
      const record = this.#interactions.get(parts[1] ?? '');
      if (!record || record.token !== parts[2]) return [404, { message: 'Unknown interaction', code: 10062 }];
      request.interactionId = record.id;
      const { ackWindowMs } = this.options;
      if (!record.acknowledged && ackWindowMs !== null && Date.now() - record.createdAt > ackWindowMs) {
        return [404, { message: 'Unknown interaction', code: 10062 }];
      }
      if (record.acknowledged) {
        return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      }
      record.acknowledged = true;
      const body = (request.body ?? {}) as Json;
      const data = (body.data ?? {}) as Json;
      if (body.type === Callback.ChannelMessageWithSource || body.type === Callback.UpdateMessage) {
        record.original = this.#messageFrom(data, record);
      } else if (body.type === Callback.DeferredChannelMessageWithSource) {
        record.original = this.#messageFrom({ content: '', flags: (Number(data.flags) || 0) | 128 }, record);
      }
      if (request.query.with_response === 'true') {
        return [
          200,
          {
            interaction: {
              id: record.id,
              type: record.payload.type,
              activity_instance_id: null,
              response_message_id: record.original?.id ?? null,
              response_message_loading: body.type === Callback.DeferredChannelMessageWithSource,
              response_message_ephemeral: hasEphemeralFlag(data.flags),
            },
            resource: record.original ? { type: body.type, message: record.original } : { type: body.type },
          },
        ];
      }
      return [204, null];
    }

    // /webhooks/:appId/:token[/messages/:id]
    if (parts[0] === 'webhooks' && parts[1] === applicationId) {
      const record = this.#byToken.get(parts[2] ?? '');
      if (!record) return [404, { message: 'Unknown Webhook', code: 10015 }];
      request.interactionId = record.id;
      if (parts.length === 3 && method === 'POST') {
        return [200, this.#messageFrom((request.body ?? {}) as Json, record)];
      }
      if (parts[3] === 'messages' && parts[4] === '@original' && parts.length === 5) {
        if (!record.original) return [404, { message: 'Unknown Message', code: 10008 }];
        if (method === 'GET') return [200, record.original];
        if (method === 'PATCH') {
          const edit = (request.body ?? {}) as Json;
          const flags = (Number(record.original.flags) || 0) & ~128;
          record.original = {
            ...record.original,
            ...edit,
            flags,
            edited_timestamp: new Date(0).toISOString(),
          };
          return [200, record.original];
        }
        if (method === 'DELETE') {
          record.original = null;
          return [204, null];
        }
      }
    }

    // /applications/:appId/commands and /applications/:appId/guilds/:guildId/commands
    if (parts[0] === 'applications' && parts[1] === applicationId) {
      const scope =
        parts[2] === 'commands' && parts.length === 3
          ? 'global'
          : parts[2] === 'guilds' && parts[4] === 'commands' && parts.length === 5
            ? parts[3]
            : null;
      if (scope && !request.authorized) return [401, { message: '401: Unauthorized', code: 0 }];
      if (scope && method === 'PUT') {
        const list = Array.isArray(request.body) ? (request.body as Json[]) : [];
        const stored = list.map((command) => ({
          id: this.nextSnowflake(),
          application_id: applicationId,
          version: this.nextSnowflake(),
          type: 1,
          ...(scope === 'global' ? {} : { guild_id: scope }),
          ...command,
        }));
        this.commands.set(scope, stored);
        return [200, stored];
      }
      if (scope && method === 'GET') return [200, this.commands.get(scope) ?? []];
    }

    return [404, { message: `fake Discord: unknown route ${method} ${path}`, code: 0 }];
  }

  #messageFrom(data: Json, record: InteractionRecord): Json {
    return {
      ...this.fakeMessage({ author: FAKE_BOT_USER }),
      type: 20,
      webhook_id: this.options.applicationId,
      application_id: this.options.applicationId,
      interaction_metadata: {
        id: record.id,
        type: record.payload.type,
        user: (record.payload.member as Json | undefined)?.user ?? FAKE_USER,
        authorizing_integration_owners: record.payload.authorizing_integration_owners,
      },
      ...data,
      flags: Number(data.flags) || 0,
    };
  }

  // ---- gateway ----

  #handleSocket(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on('close', () => {
      this.#sockets.delete(socket);
      this.#ready.delete(socket);
      this.#shards.delete(socket);
      this.#events.emit('socket-closed');
    });
    socket.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(raw.toString()) as Json;
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.#handleOp(socket, payload);
    });
    this.#send(socket, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  #handleOp(socket: WebSocket, payload: Json): void {
    switch (payload.op) {
      case Op.Heartbeat:
        this.#send(socket, { op: Op.HeartbeatAck });
        return;
      case Op.Identify: {
        this.identifies.push(payload.d as Json);
        const shard = ((payload.d as Json).shard as [number, number] | undefined) ?? [0, 1];
        this.#shards.set(socket, shard);
        const { applicationId } = this.options;
        this.#send(socket, {
          op: Op.Dispatch,
          t: 'READY',
          s: ++this.#sequence,
          d: {
            v: 10,
            user: { ...FAKE_BOT_USER, id: applicationId, verified: true, mfa_enabled: false, flags: 0 },
            guilds: [],
            session_id: `fake-session-${this.nextSnowflake()}`,
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: applicationId, flags: 0 },
            private_channels: [],
            presences: [],
            relationships: [],
            guild_join_requests: [],
            geo_ordered_rtc_regions: [],
            user_settings: {},
            _trace: ['fake-discord'],
          },
        });
        this.#ready.add(socket);
        this.#events.emit('ready');
        return;
      }
      case Op.Resume:
        // The fake keeps no replay buffer: ask the client to identify again.
        this.#send(socket, { op: Op.InvalidSession, d: false });
        return;
      default:
        this.unknownOpcodes.push(payload);
        if (this.options.logUnknown) console.error('\n!!! fake Discord: UNKNOWN GATEWAY OPCODE\n', payload);
    }
  }

  #send(socket: WebSocket, payload: Json): void {
    socket.send(JSON.stringify(payload));
  }
}

/** The shard a guild's events go to (Discord's sharding formula). */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function hasEphemeralFlag(flags: unknown): boolean {
  return ((Number(flags) || 0) & EPHEMERAL) !== 0;
}

function toOptions(options: Record<string, string | number | boolean>): Json[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3,
    value,
  }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
