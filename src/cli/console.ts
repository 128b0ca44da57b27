/**
 * The local console: the same slash commands as on Discord, typed in a terminal (or piped in),
 * rendered as text. It reads line by line and ends at end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  OPTION_BOOLEAN,
  OPTION_INTEGER,
  OPTION_STRING,
  SUBCOMMAND,
  optionsFrom,
  optionsOf,
  primaryOption,
  slashCommands,
  type Command,
  type CommandOptions,
} from '../commands.ts';
import type { Engine } from '../engine/engine.ts';
import type { ArticleDesk, Caller } from '../ingest/desk.ts';
import { UserError } from '../engine/errors.ts';
import { renderTerminal, type TerminalStyle } from './render.ts';

export interface ConsoleIO {
  input: Readable;
  output: Writable;
  /** Show a prompt and use colour: true when talking to a person at a terminal. */
  interactive: boolean;
  width?: number;
}

/**
 * Runs the console until end of input. Never throws for a bad line: it answers it. `engine` may be a
 * function returning the engine in service (it changes when `/article add` reloads the corpus). The
 * console's user is the operator: `/article` works on the shared articles, and answers come from them.
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
    if (text) write(await answerLine(text, current().forServer(null), commands, style, articles));
    prompt();
  }
  lines.close();
}

/** The console's user: the operator, who manages the shared articles (those every server sees). */
const OPERATOR: Caller = { serverId: null, userId: 'console', userName: 'console', operator: true };

/** Discord's option type for a subcommand. */
const OPTION_SUBCOMMAND = 1;

/** The console's answer to one line of input. */
export async function answerLine(
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
 * text fills the command's main option. A line without a slash is a question for `/ask`.
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
  let declared = optionsOf(command);
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
    const strings = declared.filter((o) => o.type === OPTION_STRING);
    primary = (strings.find((o) => o.required) ?? strings[0])?.name ?? null;
  }
  const names = declared.map((o) => o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = names.length ? rest.split(new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'i')) : [rest];
  const free = parts[0]!.trim();
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

function convert(value: string, option: { name: string; type: number }): string | number | boolean {
  if (option.type === OPTION_BOOLEAN) {
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    throw new UserError('bad-option', `${option.name}: must be true or false`);
  }
  if (option.type === OPTION_INTEGER) {
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
      const declared = optionsOf(c);
      const opts = declared.some((o) => o.type === OPTION_SUBCOMMAND)
        ? declared.map((o) => o.name).join('|')
        : declared.map((o) => (o.required ? `${o.name}:<…>` : `[${o.name}:<…>]`)).join(' ');
      const description = 'description' in c.data ? c.data.description : '';
      return `/${c.data.name} ${opts}\n    ${description}`;
    })
    .join('\n');
}
