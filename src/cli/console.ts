/**
 * The local console: the same slash commands as on Discord, typed in a terminal (or piped in),
 * rendered as text. It reads line by line and ends at end of input. Its output reads the same either
 * way: each answer under its question (`> /ask …`, typed after the prompt at a terminal, echoed when
 * piped), answers apart by a blank line.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ApplicationCommandOptionType } from 'discord.js';
import {
  SUBCOMMAND,
  declaredOptions,
  loadCommands,
  optionsFrom,
  primaryOption,
  slashCommands,
  type Command,
  type CommandOptions,
} from '../commands.ts';
import type { Config } from '../config.ts';
import { loadIndexedCorpus } from '../engine/corpus/cache.ts';
import { wordVectorsFor } from '../word-vectors.ts';
import { CorpusWatcher } from '../engine/corpus/watch.ts';
import type { Engine } from '../engine/engine.ts';
import { ArticleDesk, type Caller } from '../ingest/desk.ts';
import { UserError } from '../engine/errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import { renderTerminal, type TerminalStyle } from './render.ts';

export interface ConsoleIO {
  input: Readable;
  output: Writable;
  /**
   * Talking to a person at a terminal: show a prompt and use colour. Otherwise each line read is
   * echoed after `> `, where the prompt would have been, so that a transcript shows what was asked.
   */
  interactive: boolean;
  width?: number;
}

/**
 * `npm start` without a token: loads the corpus (through the index cache) and the commands, and runs
 * the console until end of input. Like the bot, it reloads articles added, changed or removed meanwhile
 * when `config.watchCorpus` is set. Logs (a reload, a cache rebuilt) go to `logger`, by default pino on
 * standard error at `config.logLevel`.
 */
export async function startConsole(
  config: Config,
  io: ConsoleIO,
  { logger = createLogger({ level: config.logLevel }) }: { logger?: Logger } = {},
): Promise<void> {
  const search = { vectors: wordVectorsFor(config, logger) };
  const [loaded, commands] = await Promise.all([
    loadIndexedCorpus(config.corpusDir, { cacheDir: config.cacheDir, logger, search }),
    loadCommands(),
  ]);
  let engine = loaded.engine;
  // The watcher also serves `/article add` and `remove`: the next question finds the change, even
  // with watching off.
  const watcher = new CorpusWatcher(config.corpusDir, loaded.files, (next) => (engine = next), logger, {
    search,
  });
  if (config.watchCorpus) watcher.start();
  const articles = new ArticleDesk({
    corpusDir: config.corpusDir,
    fetch: { allowPrivate: config.allowPrivateUrls },
    afterChange: () => watcher.reload(),
  });
  try {
    await runConsole(() => engine, commands, io, articles);
  } finally {
    await watcher.stop();
  }
}

/**
 * Runs the console until end of input. Never throws for a bad line: it answers it. `engine` may be a
 * function returning the engine in service, read once a line (a reload replaces it). The console's
 * user is the operator: `/article` works on the shared articles, and answers come from them.
 */
export async function runConsole(
  engine: Engine | (() => Engine),
  commands: ReadonlyMap<string, Command>,
  io: ConsoleIO,
  articles?: ArticleDesk,
): Promise<void> {
  const current = typeof engine === 'function' ? engine : () => engine;
  const style: TerminalStyle = { color: io.interactive, width: io.width ?? 100 };
  const write = (text: string) => io.output.write(`${text}\n`);
  write(banner(current(), commands));
  const lines = createInterface({ input: io.input, terminal: false });
  const prompt = () => io.interactive && io.output.write('\n> ');
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) {
      if (!io.interactive) write(`\n> ${text}`);
      write(await answerLine(text, current().forServer(null), commands, style, articles));
    }
    prompt();
  }
  lines.close();
}

/** The console's user: the operator, who manages the shared articles (those every server sees). */
const OPERATOR: Caller = { serverId: null, userId: 'console', userName: 'console', operator: true };

/** Discord's option type for a subcommand. */
const OPTION_SUBCOMMAND = ApplicationCommandOptionType.Subcommand;

/** The console's answer to one line of input. */
async function answerLine(
  line: string,
  engine: Engine,
  commands: ReadonlyMap<string, Command>,
  style: TerminalStyle,
  articles?: ArticleDesk,
): Promise<string> {
  if (line === '/help' || line === 'help') return help(commands);
  try {
    const { command, options } = parseCommandLine(line, commands);
    const context = articles ? { engine, options, articles, caller: OPERATOR } : { engine, options };
    return renderTerminal(await command.execute(context), style);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    return `Something went wrong: ${(error as Error).message}`;
  }
}

/**
 * Reads `/name free text key:value …`: `key:` starts the value of the option named key; free
 * text fills the command's main option. A line without a slash is a question for `/ask`. A word
 * written like an option (`bogus:xyz`, a lower-case word then a colon then no space) that the command
 * does not have is refused, rather than asked about as part of the question.
 */
export function parseCommandLine(
  line: string,
  commands: ReadonlyMap<string, Command>,
): { command: Command; options: CommandOptions } {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
  const name = match ? match[1]!.toLowerCase() : 'ask';
  const restOfLine = match ? match[2]! : line;
  const typeable = slashCommands(commands);
  const command = typeable.get(name);
  if (!command) {
    throw new UserError(
      'unknown-command',
      `Unknown command /${name}. Commands: ${[...typeable.keys()].map((n) => `/${n}`).join(', ')}.`,
    );
  }
  let declared = declaredOptions(command);
  const values: Record<string, string | number | boolean> = {};
  // `/article add url:…`: the first word names the subcommand, whose options follow.
  let rest = restOfLine;
  let primary = primaryOption(command);
  const subcommands = declared.filter((o) => o.type === OPTION_SUBCOMMAND);
  if (subcommands.length) {
    const [, word = '', after = ''] = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
    const sub = subcommands.find((o) => o.name === word.toLowerCase());
    if (!sub) {
      throw new UserError('no-subcommand', `Use ${subcommands.map((o) => `/${name} ${o.name}`).join(', ')}.`);
    }
    values[SUBCOMMAND] = sub.name;
    declared = (sub as { options?: typeof declared }).options ?? [];
    rest = after;
    const strings = declared.filter((o) => o.type === ApplicationCommandOptionType.String);
    primary = (strings.find((o) => o.required) ?? strings[0])?.name ?? null;
  }
  const names = declared.map((o) => o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = names.length ? rest.split(new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'i')) : [rest];
  const free = parts[0]!.trim();
  const unknown = parts
    .filter((_, i) => i % 2 === 0)
    .flatMap((text) => [...text.matchAll(OPTION_LIKE)].map((m) => m[1]!))
    .find((word) => !declared.some((o) => o.name.toLowerCase() === word.toLowerCase()));
  if (unknown !== undefined) {
    const known = declared.map((o) => `${o.name}:`).join(', ');
    throw new UserError(
      'unknown-option',
      `Unknown option '${unknown}:' for /${name}. ${known ? `Its options: ${known}.` : 'It takes no options.'}`,
    );
  }
  for (let i = 1; i < parts.length; i += 2) {
    const option = declared.find((o) => o.name.toLowerCase() === parts[i]!.toLowerCase())!;
    values[option.name] = convert(parts[i + 1]!.trim(), option);
  }
  if (free) {
    if (!primary)
      throw new UserError(
        'unexpected-text',
        `/${name} takes no free text: use ${names.map((n) => `${n}:`).join(' ')}`,
      );
    values[primary] ??= free;
  }
  return { command, options: optionsFrom(values) };
}

/**
 * A word written as an option: at the start or after a space, a lower-case word, a colon and, without
 * a space, the value. Not a time (`10:30`), a URL (`https://…`) or a label before a space (`Note: …`).
 */
const OPTION_LIKE = /(?:^|\s)([a-z][\w-]*):(?![\s/]|$)/g;

function convert(value: string, option: { name: string; type: number }): string | number | boolean {
  if (option.type === ApplicationCommandOptionType.Boolean) {
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    throw new UserError('bad-option', `${option.name}: must be true or false`);
  }
  if (option.type === ApplicationCommandOptionType.Integer) {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new UserError('bad-option', `${option.name}: must be a whole number`);
    return n;
  }
  return value;
}

function banner(engine: Engine, commands: ReadonlyMap<string, Command>): string {
  const n = engine.articles.length;
  return [
    `Byline local console: ${n} article${n === 1 ? '' : 's'} loaded. Commands: ${[...slashCommands(commands).keys()].map((c) => `/${c}`).join(', ')}, /help.`,
    'To connect to Discord, set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see README.md).',
  ].join('\n');
}

function help(commands: ReadonlyMap<string, Command>): string {
  return [...slashCommands(commands).values()]
    .map((c) => {
      const declared = declaredOptions(c);
      const opts = declared.some((o) => o.type === OPTION_SUBCOMMAND)
        ? declared.map((o) => o.name).join('|')
        : declared.map((o) => (o.required ? `${o.name}:<…>` : `[${o.name}:<…>]`)).join(' ');
      const description = 'description' in c.data ? c.data.description : '';
      return `/${c.data.name} ${opts}\n    ${description}`;
    })
    .join('\n');
}
