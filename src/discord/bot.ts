/**
 * The Discord bot: logs in with the Guilds intent only, after the corpus and index are loaded, and
 * routes every interaction through one router over the command modules. One error boundary per
 * interaction: expected failures (UserError) are shown as they are; anything else is logged with the
 * command's name and answered with a short private apology. A handler's error never ends the process.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type Attachment as DiscordAttachment,
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
  /**
   * Defer a reply when its work is still running after this many ms; 0 defers before any work.
   * Default 2000: a second of margin inside Discord's 3-second window.
   */
  deferAfterMs: number;
  /**
   * On SIGINT or SIGTERM, destroy the client and exit with code 0. Default true; tests running the
   * bot inside their own process turn it off and call `stop()`.
   */
  handleSignals: boolean;
  /** Clock for the cooldown, in ms. Default `Date.now`. */
  now: () => number;
}

export const BOT_DEFAULTS: BotOptions = { deferAfterMs: 2000, handleSignals: true, now: Date.now };

/** A running bot. */
export interface Bot {
  client: Client<true>;
  /** The engine in service now (live reload replaces it). */
  readonly engine: Engine;
  /** The corpus watcher, when the bot loaded the corpus itself and `config.watchCorpus` is set. */
  watcher: CorpusWatcher | null;
  commands: ReadonlyMap<string, Command>;
  /** Destroys the client (closes the gateway connection). */
  stop(): Promise<void>;
}

/** What a user is told when a command fails for a reason that is not theirs. */
export const APOLOGY =
  'Sorry, something went wrong while answering. The problem has been logged; please try again later.';

/** Loads the corpus, index and commands, then logs in; resolves once the gateway says READY. */
export async function startBot(config: Config, options: Partial<BotOptions> = {}): Promise<Bot> {
  const { token, apiUrl } = requireDiscord(config, 'run the bot');
  const settings = { ...BOT_DEFAULTS, ...options };
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [token] });
  const search = { vectors: options.engine ? null : wordVectorsFor(config, logger) };
  const [loaded, commands] = await Promise.all([
    options.engine
      ? { engine: options.engine, files: null }
      : loadIndexedCorpus(config.corpusDir, { cacheDir: config.cacheDir, logger, search }),
    options.commands ?? loadCommands(),
  ]);
  // The one reference to the engine in service: the router reads it once per interaction, and a
  // reload replaces it, so an interaction under way finishes on the engine it started with.
  let engine = loaded.engine;
  void engine.prepare().catch((error: unknown) => logger.error({ err: error }, 'engine preparation failed'));
  const watcher = watcherFor(config, loaded.files, logger, search, (next) => (engine = next));
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
    deferAfterMs: settings.deferAfterMs,
  });

  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => void router.route(interaction));
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
    async stop() {
      for (const signal of signals) process.off(signal, onSignal);
      await watcher?.stop();
      await client.destroy();
    },
  };
  if (settings.handleSignals) for (const signal of signals) process.once(signal, onSignal);
  return bot;
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
  deferAfterMs: number;
}

/** Turns a reply into a Discord message: rendered, with its buttons, fitted to the limits. */
export function toDiscordMessage(reply: Reply): FittedMessage {
  const { content, embeds } = renderDiscord(reply);
  return fitMessage({ content, embeds, components: buttonsFor(reply), ephemeral: reply.ephemeral });
}

/** The one router: every interaction goes through {@link InteractionRouter.route}, which never throws. */
class InteractionRouter {
  readonly #deps: RouterDeps;

  constructor(deps: RouterDeps) {
    this.#deps = deps;
  }

  async route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.#autocomplete(interaction);
    if (!interaction.isRepliable()) return;
    const label = labelOf(interaction);
    try {
      const wait = this.#deps.cooldown.take(interaction.user.id);
      if (wait > 0) throw new UserError('cooldown', `Slow down: you can ask again in ${wait} s.`);
      // Every engine call of an interaction sees the corpus as its server does.
      const engine = this.#deps.engine().forServer(interaction.guildId);
      const reply = await this.#withDeferral(interaction, () => this.#reply(interaction, engine));
      await send(interaction, toDiscordMessage(reply));
      this.#deps.logger.debug({ command: label, user: interaction.user.id, reply: reply.type }, 'answered');
    } catch (error) {
      await this.#fail(interaction, label, error);
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
   * Runs `work`, deferring the reply first if it is still running after `deferAfterMs`. A deferral
   * must choose its visibility before the reply exists: buttons answer privately, and a command
   * privately when its `private` option is set.
   */
  async #withDeferral<T>(interaction: RepliableInteraction, work: () => Promise<T>): Promise<T> {
    const defer = () =>
      interaction.deferReply(expectsPrivateReply(interaction) ? { flags: MessageFlags.Ephemeral } : {});
    if (this.#deps.deferAfterMs <= 0) {
      await defer();
      return work();
    }
    const pending = work();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.#deps.deferAfterMs);
    });
    try {
      const first = await Promise.race([pending.then(() => 'done' as const), late]);
      if (first === 'late') await defer();
    } finally {
      clearTimeout(timer);
    }
    return pending;
  }

  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const { commands, logger } = this.#deps;
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
    } catch (error) {
      logger.error({ err: error, command: interaction.commandName }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  /** The error boundary: tells the user privately, and logs what is not their doing. */
  async #fail(interaction: RepliableInteraction, label: string, error: unknown): Promise<void> {
    const { logger } = this.#deps;
    let text = APOLOGY;
    if (error instanceof UserError) {
      logger.debug({ command: label, failure: error.id }, error.message);
      text = error.message;
    } else {
      logger.error({ err: error, command: label, user: interaction.user.id }, `command ${label} failed`);
    }
    try {
      await sendPrivately(interaction, fitMessage({ content: text, ephemeral: true }));
    } catch (sendError) {
      logger.error({ err: sendError, command: label }, 'could not tell the user about a failure');
    }
  }
}

/** Sends a reply in whatever state the interaction is: first reply, edit of a deferral, or follow-up. */
async function send(interaction: RepliableInteraction, message: FittedMessage): Promise<void> {
  const { ephemeral, ...body } = message;
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(body);
  } else if (interaction.replied) {
    await interaction.followUp({ ...body, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  } else {
    await interaction.reply({ ...body, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  }
}

/**
 * Sends a message only the user sees. A public deferral cannot become private, so it is removed and
 * the message follows up instead.
 */
async function sendPrivately(interaction: RepliableInteraction, message: FittedMessage): Promise<void> {
  const { ephemeral: _, ...body } = message;
  if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
    await interaction.editReply(body);
    return;
  }
  if (interaction.deferred && !interaction.replied) await interaction.deleteReply();
  const privately = { ...body, flags: MessageFlags.Ephemeral } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(privately);
  else await interaction.reply(privately);
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
