/**
 * The Discord bot: logs in with the Guilds intent only, after the corpus and index are loaded, and
 * routes every interaction through one router over the command modules. Every interaction gets its
 * first response within Discord's window whatever the backlog: on arrival it is deferred unless it can
 * be answered at once (./pacing.ts), and answers are computed one at a time with a turn of the event
 * loop between them. One error boundary per interaction: expected failures (UserError) are shown as
 * they are; anything else is logged with the command's name and answered with a short private apology
 * where one can still arrive (./delivery.ts). A handler's error never ends the process.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  type Attachment as DiscordAttachment,
  RESTEvents,
  Status,
  type AutocompleteInteraction,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import { loadCommands, type Command, type CommandContext, type CommandOptions } from '../commands.ts';
import { requireDiscord, type Config } from '../config.ts';
import { buttonsFor, replyToButton } from './buttons.ts';
import { Cooldown } from './cooldown.ts';
import { fitChoices, fitMessage, stripDiscordTags, type FittedMessage } from './respond.ts';
import { CorpusWatcher } from '../engine/corpus/watch.ts';
import type { Engine } from '../engine/engine.ts';
import { UserError } from '../engine/errors.ts';
import { loadIndexedCorpus, type SourceFile } from '../engine/corpus/cache.ts';
import { wordVectorsFor } from '../word-vectors.ts';
import type { SearchOptions } from '../engine/search/options.ts';
import { createLogger, type Logger } from '../logger.ts';
import { renderDiscord } from './render.ts';
import type { Reply } from '../reply.ts';
import { ArticleDesk, type Attachment, type Caller } from '../ingest/desk.ts';
import { Delivery } from './delivery.ts';
import { startHealthServer, type Health, type HealthServer } from './health.ts';
import { BotMetrics, type Outcome } from './metrics.ts';
import { AnswerQueue, LoopLag, PACER_DEFAULTS, Pacer, createdAt, type PacerOptions } from './pacing.ts';

/** Options for {@link startBot}, merged over {@link BOT_DEFAULTS}. */
export interface BotOptions {
  /** Command modules by name. Default: every module in `commands/`, through the one loader. */
  commands?: ReadonlyMap<string, Command>;
  /**
   * The loaded corpus and index, fixed for the bot's life. Default: `config.corpusDir` loaded through
   * the index cache, and watched for changes when `config.watchCorpus` is set.
   */
  engine?: Engine;
  /** Default: pino to stderr at `config.logLevel`, with the token scrubbed. */
  logger?: Logger;
  /** When to defer rather than answer directly (see {@link PacerOptions}). Default {@link PACER_DEFAULTS}. */
  pacing: PacerOptions;
  /**
   * On SIGINT or SIGTERM, destroy the client and exit with code 0. Default true; tests running the
   * bot inside their own process turn it off and call `stop()`.
   */
  handleSignals: boolean;
  /** Clock for the cooldown, in ms. Default `Date.now`. */
  now: () => number;
}

export const BOT_DEFAULTS: BotOptions = { pacing: PACER_DEFAULTS, handleSignals: true, now: Date.now };

/** A running bot. */
export interface Bot {
  client: Client<true>;
  /** The engine in service now (live reload replaces it). */
  readonly engine: Engine;
  /** The corpus watcher, when the bot loaded the corpus itself and `config.watchCorpus` is set. */
  watcher: CorpusWatcher | null;
  commands: ReadonlyMap<string, Command>;
  metrics: BotMetrics;
  /** The health and metrics server, when `config.healthPort` is set. */
  health: HealthServer | null;
  /** Destroys the client (closes the gateway connection) and the health server. */
  stop(): Promise<void>;
}

/** What a user is told when a command fails for a reason that is not theirs. */
export const APOLOGY =
  'Sorry, something went wrong while answering. The problem has been logged; please try again later.';

/** Asked once before logging in, so that no user waits for what the engine builds on first use. */
const WARM_UP_QUESTION = 'Who said what, and when?';

/** Loads the corpus, index and commands, then logs in; resolves once the gateway says READY. */
export async function startBot(config: Config, options: Partial<BotOptions> = {}): Promise<Bot> {
  const { token, apiUrl } = requireDiscord(config, 'run the bot');
  const settings = { ...BOT_DEFAULTS, ...options };
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [token] });
  const search = { vectors: options.engine ? null : wordVectorsFor(config, logger) };
  // Up before the corpus loads, so that /healthz can say what the bot is waiting for.
  const state: { engine: Engine | null; client: Client | null } = { engine: null, client: null };
  const metrics = new BotMetrics(() => state.engine?.articles.length ?? 0);
  const health =
    config.healthPort === null
      ? null
      : await startHealthServer(config.healthPort, () => healthOf(state.engine, state.client), metrics);
  const [loaded, commands] = await Promise.all([
    options.engine
      ? { engine: options.engine, files: null }
      : loadIndexedCorpus(config.corpusDir, { cacheDir: config.cacheDir, logger, search }),
    options.commands ?? loadCommands(),
  ]);
  // The one reference to the engine in service: the router reads it once per interaction, and a
  // reload replaces it, so an interaction under way finishes on the engine it started with.
  let engine = loaded.engine;
  state.engine = engine;
  void engine.prepare().catch((error: unknown) => logger.error({ err: error }, 'engine preparation failed'));
  const watcher = watcherFor(config, loaded.files, logger, search, (next) => (engine = state.engine = next));
  // An added article is reloaded before the reply, so that the next question finds it.
  const articles = new ArticleDesk({
    corpusDir: config.corpusDir,
    fetch: { allowPrivate: config.allowPrivateUrls },
    afterChange: async () => watcher?.reload(),
  });
  const router = new InteractionRouter({
    engine: () => engine,
    articles,
    commands,
    logger,
    cooldown: new Cooldown({ ...config.cooldown, now: settings.now }),
    pacing: settings.pacing,
    metrics,
    now: settings.now,
  });

  // The first question builds what the engine builds on first use, which takes seconds on a large
  // corpus: done now, it holds up no interaction.
  const warmUp = performance.now();
  engine.ask(WARM_UP_QUESTION);
  logger.debug({ ms: Math.round(performance.now() - warmUp) }, 'engine warmed up');

  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  state.client = client;
  client.on(Events.InteractionCreate, (interaction) => router.route(interaction));
  // discord.js retries 429 and 5xx itself, so they never reach the code that made the request.
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429 || response.status >= 500) {
      metrics.restErrors.inc({ code: `http ${response.status}` });
    }
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(token);
  const readyClient = await ready;
  logger.info(
    { user: readyClient.user.tag, commands: [...commands.keys()], articles: engine.articles.length },
    'Byline is online',
  );

  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const bot: Bot = {
    client: readyClient,
    get engine() {
      return engine;
    },
    watcher,
    commands,
    metrics,
    health,
    async stop() {
      for (const signal of signals) process.off(signal, onSignal);
      router.stop();
      await watcher?.stop();
      await client.destroy();
      await health?.close();
    },
  };
  if (settings.handleSignals) for (const signal of signals) process.once(signal, onSignal);
  return bot;
}

/** What /healthz reports: healthy when every gateway shard is ready and the index loaded. */
function healthOf(engine: Engine | null, client: Client | null): Health {
  const shards = client?.isReady() ? [...client.ws.shards.values()] : [];
  const waiting = shards.find((shard) => shard.status !== Status.Ready);
  const gateway =
    shards.length === 0 ? 'not logged in' : waiting ? Status[waiting.status].toLowerCase() : 'ready';
  const reasons = [
    ...(engine ? [] : ['the index is loading']),
    ...(gateway === 'ready' ? [] : [`the gateway is not connected (${gateway})`]),
  ];
  return { ok: reasons.length === 0, gateway, articles: engine?.articles.length ?? null, reasons };
}

/**
 * A watcher over the corpus folder when the bot loaded it itself, started when watching is on (without
 * it, the watcher still reloads after `/article add` and `remove`).
 */
function watcherFor(
  config: Config,
  files: readonly SourceFile[] | null,
  logger: Logger,
  search: Partial<SearchOptions>,
  onEngine: (engine: Engine) => void,
): CorpusWatcher | null {
  if (!files) return null;
  const watcher = new CorpusWatcher(config.corpusDir, files, onEngine, logger, { search });
  if (config.watchCorpus) watcher.start();
  return watcher;
}

interface RouterDeps {
  /** The engine in service: read once per interaction. */
  engine: () => Engine;
  /** Adding and removing articles (`/article`, "Add to Byline"). */
  articles: ArticleDesk;
  commands: ReadonlyMap<string, Command>;
  logger: Logger;
  cooldown: Cooldown;
  pacing: PacerOptions;
  metrics: BotMetrics;
  /** Wall clock, ms since the epoch (interactions' snowflakes are on it). */
  now: () => number;
}

/** Turns a reply into a Discord message: rendered, with its buttons, fitted to the limits. */
export function toDiscordMessage(reply: Reply): FittedMessage {
  const { content, embeds } = renderDiscord(reply);
  return fitMessage({ content, embeds, components: buttonsFor(reply), ephemeral: reply.ephemeral });
}

/** The one router: every interaction goes through {@link InteractionRouter.route}, which never throws. */
class InteractionRouter {
  readonly #deps: RouterDeps;
  readonly #queue: AnswerQueue;
  readonly #lag = new LoopLag();
  readonly #pacer: Pacer;
  /** Answers queued and not started, in order, to pace again when estimates change. */
  readonly #waiting = new Set<{ delivery: Delivery; label: string }>();

  constructor(deps: RouterDeps) {
    this.#deps = deps;
    this.#queue = new AnswerQueue((error) => deps.logger.error({ err: error }, 'answer job failed'));
    this.#pacer = new Pacer(deps.pacing, this.#lag);
  }

  /**
   * Acknowledges first when the answer cannot be sent in time: the deferral goes out now, and the
   * answer is computed in its turn in the queue.
   */
  route(interaction: Interaction): void {
    const { now, cooldown, metrics } = this.#deps;
    const origin = createdAt(interaction.createdTimestamp, now());
    if (interaction.isAutocomplete()) return void this.#autocomplete(interaction, origin);
    if (!interaction.isRepliable()) return;
    const label = labelOf(interaction);
    const delivery = new Delivery(interaction, origin, {
      ...this.#deps,
      onFirstResponse: (response) => this.#queue.holdFor(response),
    });
    if (!delivery.reachable) {
      // Discord has dropped it already (it waited out an outage, or a stalled process): any response
      // would get 10062.
      this.#deps.logger.warn({ command: label, interaction: interaction.id }, 'arrived too late to answer');
      return this.#count(label, 'expired');
    }
    const wait = cooldown.take(interaction.user.id);
    if (wait > 0) {
      const slowDown = new UserError('cooldown', `Slow down: you can ask again in ${wait} s.`);
      return void this.#fail(delivery, label, slowDown);
    }
    if (this.#pacer.mustDefer(label, now() - origin)) void delivery.defer(expectsPrivateReply(interaction));
    const share = this.#pacer.queued(label);
    const waiting = { delivery, label };
    this.#waiting.add(waiting);
    this.#queue.push(() => {
      this.#waiting.delete(waiting);
      return this.#answer(delivery, label, share);
    });
    metrics.queued.set(this.#queue.length);
  }

  stop(): void {
    this.#lag.stop();
  }

  /** Computes the answer (one at a time, in the queue) and sends it without holding the queue up. */
  async #answer(delivery: Delivery, label: string, share: number): Promise<void> {
    const { metrics, now } = this.#deps;
    metrics.queued.set(this.#queue.length);
    this.#paceWaiting(label);
    // Usually settled long since; an answer for an interaction Discord refused is not worth computing.
    await delivery.deferral;
    if (!delivery.reachable) {
      this.#pacer.done(label, share, null);
      return this.#count(label, 'expired');
    }
    const started = performance.now();
    let reply: Reply;
    try {
      reply = await this.#withBackstop(delivery, label, () =>
        // Every engine call of an interaction sees the corpus as its server does.
        this.#reply(delivery.interaction, this.#deps.engine().forServer(delivery.interaction.guildId)),
      );
    } catch (error) {
      return void this.#fail(delivery, label, error);
    } finally {
      const ms = performance.now() - started;
      this.#pacer.done(label, share, ms);
      this.#deps.logger.trace({ command: label, ms: Math.round(ms) }, 'answer computed');
    }
    void (async () => {
      try {
        const sent = await delivery.send(toDiscordMessage(reply));
        if (sent) metrics.answer.observe({ command: label }, (now() - delivery.createdAt) / 1000);
        this.#count(label, sent ? 'answered' : 'expired');
        this.#deps.logger.debug(
          { command: label, user: delivery.interaction.user.id, reply: reply.type },
          sent ? 'answered' : 'answer not sent: the interaction expired',
        );
      } catch (error) {
        await this.#fail(delivery, label, error);
      }
    })();
  }

  /**
   * Paces the queued answers again, as an answer starts: one queued for a direct reply on an estimate
   * that has since grown (a cold first answer) is deferred now, before it waits too long.
   */
  #paceWaiting(starting: string): void {
    const { now } = this.#deps;
    let aheadMs = this.#pacer.expected(starting);
    for (const { delivery, label } of this.#waiting) {
      if (delivery.state === 'new' && delivery.deferral === null) {
        if (this.#pacer.mustDefer(label, now() - delivery.createdAt, aheadMs)) {
          void delivery.defer(expectsPrivateReply(delivery.interaction));
        }
      }
      aheadMs += this.#pacer.expected(label);
    }
  }

  /** The reply to a command or button, as plain data. */
  async #reply(interaction: RepliableInteraction, engine: Engine): Promise<Reply> {
    const { commands } = this.#deps;
    if (interaction.isButton()) return replyToButton(engine, interaction.customId);
    if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand()) {
      throw new UserError('unsupported', 'Byline does not handle this kind of interaction.');
    }
    const command = commands.get(interaction.commandName);
    if (!command) throw new UserError('unknown-command', 'This command is no longer available.');
    const common = { engine, caller: callerOf(interaction), articles: this.#deps.articles };
    const context: CommandContext = interaction.isChatInputCommand()
      ? { ...common, options: optionsFromDiscord(interaction.options) }
      : {
          ...common,
          options: NO_OPTIONS,
          targetMessage: stripDiscordTags(interaction.targetMessage.content),
          targetAttachments: [...interaction.targetMessage.attachments.values()].map(attachmentOf),
        };
    return command.execute(context);
  }

  /**
   * Runs `work`; when it is asynchronous and still running as the interaction's direct-answer budget
   * runs out, defers. (Synchronous work is paced on arrival instead: no timer fires during it.)
   */
  async #withBackstop<T>(delivery: Delivery, label: string, work: () => Promise<T>): Promise<T> {
    const pending = work();
    if (delivery.state !== 'new') return pending;
    const budget = this.#deps.pacing.answerDirectlyWithinMs - (this.#deps.now() - delivery.createdAt);
    const timer = setTimeout(
      () => {
        if (delivery.state === 'new') void delivery.defer(expectsPrivateReply(delivery.interaction));
      },
      Math.max(0, budget),
    );
    try {
      return await pending;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Autocomplete cannot be deferred: answered at once, or dropped when it would arrive too late. */
  async #autocomplete(interaction: AutocompleteInteraction, origin: number): Promise<void> {
    const { commands, logger, now, pacing } = this.#deps;
    const label = `autocomplete ${interaction.commandName}`;
    const ageMs = now() - origin;
    if (ageMs > pacing.autocompleteMaxAgeMs) {
      logger.warn({ command: label, ageMs }, 'autocomplete dropped: too late to answer');
      return this.#count(label, 'dropped');
    }
    const engine = this.#deps.engine().forServer(interaction.guildId);
    try {
      const command = commands.get(interaction.commandName);
      const focused = interaction.options.getFocused(true);
      const choices =
        command?.autocomplete?.({
          engine,
          focused: { name: focused.name, value: String(focused.value) },
          options: optionsFromDiscord(interaction.options),
          caller: callerOf(interaction),
        }) ?? [];
      await interaction.respond(fitChoices(choices));
      this.#deps.metrics.firstResponse.observe({ kind: 'autocomplete' }, (now() - origin) / 1000);
      this.#count(label, 'answered');
    } catch (error) {
      logger.error({ err: error, command: interaction.commandName }, 'autocomplete failed');
      this.#count(label, 'failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  /** The error boundary: tells the user privately where that can still arrive, and logs what is not their doing. */
  async #fail(delivery: Delivery, label: string, error: unknown): Promise<void> {
    const { logger } = this.#deps;
    let text = APOLOGY;
    if (error instanceof UserError) {
      logger.debug({ command: label, failure: error.id }, error.message);
      text = error.message;
    } else {
      logger.error(
        { err: error, command: label, user: delivery.interaction.user.id },
        `command ${label} failed`,
      );
    }
    const outcome: Outcome = error instanceof UserError ? 'refused' : 'failed';
    if (!delivery.reachable) {
      logger.warn(
        { command: label, state: delivery.state },
        'nothing sent: the interaction can no longer be answered',
      );
      return this.#count(label, 'expired');
    }
    try {
      const sent = await delivery.sendPrivately(fitMessage({ content: text, ephemeral: true }));
      this.#count(label, sent ? outcome : 'expired');
    } catch (sendError) {
      logger.error({ err: sendError, command: label }, 'could not tell the user about a failure');
      this.#count(label, 'failed');
    }
  }

  #count(command: string, outcome: Outcome): void {
    this.#deps.metrics.interactions.inc({ command, outcome });
  }
}

function expectsPrivateReply(interaction: RepliableInteraction): boolean {
  if (interaction.isButton()) return true;
  return interaction.isChatInputCommand() ? (interaction.options.getBoolean('private') ?? false) : false;
}

/** The name logs give an interaction: the command's, or the button's kind. */
function labelOf(interaction: RepliableInteraction): string {
  if (interaction.isCommand()) return interaction.commandName;
  if (interaction.isButton()) return `button ${interaction.customId.split(':')[0]}`;
  return `interaction type ${interaction.type}`;
}

const NO_OPTIONS: CommandOptions = { getString: () => null, getBoolean: () => null, getInteger: () => null };

/** What discord.js's option resolver offers that commands read. */
interface OptionResolver {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
  getInteger(name: string): number | null;
  getSubcommand(required: false): string | null;
  getAttachment?(name: string): DiscordAttachment | null;
}

/** The option reader commands see, over discord.js's resolver. Text comes without Discord's tags. */
function optionsFromDiscord(resolver: OptionResolver): CommandOptions {
  return {
    getString: (name) => {
      const value = resolver.getString(name);
      return value === null ? null : stripDiscordTags(value);
    },
    getBoolean: (name) => resolver.getBoolean(name),
    getInteger: (name) => resolver.getInteger(name),
    getSubcommand: () => resolver.getSubcommand(false),
    getAttachment: (name) => {
      const file = resolver.getAttachment?.(name);
      return file ? attachmentOf(file) : null;
    },
  };
}

function attachmentOf(file: DiscordAttachment): Attachment {
  return { name: file.name, url: file.url, size: file.size };
}

/** Who an interaction comes from, and from which server (null in direct messages). */
function callerOf(interaction: Interaction): Caller {
  return { serverId: interaction.guildId, userId: interaction.user.id, userName: interaction.user.username };
}
