/**
 * Command modules: their shape, the one loader that serves the bot, the deploy script, the local
 * console and the CLI, and the option plumbing they share. A command module is one file in
 * `commands/` whose default export is a {@link Command}.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Engine } from './engine/engine.ts';
import { UserError } from './engine/errors.ts';
import type { Article } from './engine/types.ts';
import type { ArticleDesk, Attachment, Caller } from './ingest/desk.ts';
import type { Reply } from './reply.ts';

/** Read access to a command's options: the subset of discord.js's option resolver that commands use. */
export interface CommandOptions {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
  getInteger(name: string): number | null;
  /** The subcommand used (`add` in `/article add`); null when the command has none. */
  getSubcommand?(): string | null;
  /** An attachment option's file. */
  getAttachment?(name: string): Attachment | null;
}

export interface CommandContext {
  /** The corpus as the caller's server sees it (see Engine.forServer). */
  engine: Engine;
  options: CommandOptions;
  /** For a message context-menu command: the text of the message it was used on. */
  targetMessage?: string;
  /** For a message context-menu command: the files attached to the message. */
  targetAttachments?: Attachment[];
  /** Who is asking, from which server; absent in the one-shot CLI. */
  caller?: Caller;
  /** Adding and removing articles; absent where that is not offered. */
  articles?: ArticleDesk;
}

export interface AutocompleteContext {
  engine: Engine;
  /** The option being typed and what has been typed so far. */
  focused: { name: string; value: string };
  options: CommandOptions;
  caller?: Caller;
}

export type CommandData =
  RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

export interface Command {
  /** The definition registered with Discord: plain JSON. */
  data: CommandData;
  execute(context: CommandContext): Reply | Promise<Reply>;
  /**
   * The choices for the option being typed, best first. They need not fit Discord's limits (how many,
   * how long): the bot fits them, as it fits every payload.
   */
  autocomplete?(context: AutocompleteContext): APIApplicationCommandOptionChoice<string>[];
}

const CommandSchema = z.object({
  data: z.looseObject({
    name: z.string().regex(/^[-_\p{L}\p{N} ]{1,32}$/u, 'must be 1-32 letters, digits, "-" or "_"'),
    type: z.number().int().optional(),
    description: z.string().max(100).optional(),
    options: z.array(z.looseObject({ name: z.string(), type: z.number().int() })).optional(),
  }),
  execute: z.custom<Command['execute']>((v) => typeof v === 'function', 'must be a function'),
  autocomplete: z
    .custom<Command['autocomplete']>((v) => typeof v === 'function', 'must be a function')
    .optional(),
});

/** The folder holding the command modules, beside `src/` (also after a build into `dist/`). */
const COMMANDS_DIR = fileURLToPath(new URL('../commands/', import.meta.url));

/**
 * Imports and validates every command module in `dir`, keyed by command name. A malformed module
 * or a duplicate name throws, naming the file: nothing is skipped silently.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir))
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.(d|test)\.ts$/.test(f))
    .sort();
  const commands = new Map<string, Command>();
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const mod: unknown = await import(pathToFileURL(join(dir, file)).href);
    const result = CommandSchema.safeParse((mod as { default?: unknown }).default);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || 'default export'} ${i.message}`);
      throw new Error(`commands/${file}: not a command module: ${problems.join('; ')}`);
    }
    const command = result.data as Command;
    const other = fileOf.get(command.data.name);
    if (other)
      throw new Error(
        `commands/${file}: duplicate command name "${command.data.name}" (also in commands/${other})`,
      );
    commands.set(command.data.name, command);
    fileOf.set(command.data.name, file);
  }
  return commands;
}

/**
 * The slash commands among `commands`: what a console or CLI can type. Context-menu commands
 * ("Ask Byline") exist only on Discord, where they are used on a message.
 */
export function slashCommands(commands: ReadonlyMap<string, Command>): Map<string, Command> {
  // A definition without a type is a slash command, as Discord reads it.
  const isSlash = (c: Command) =>
    (c.data.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
  return new Map([...commands].filter(([, c]) => isSlash(c)));
}

/** A command's declared options, in their order (context-menu commands have none). */
export function declaredOptions(command: Command): { name: string; type: number; required?: boolean }[] {
  return 'options' in command.data && command.data.options ? command.data.options : [];
}

/** The option that free text fills in the console and the CLI: the first required string option. */
export function primaryOption(command: Command): string | null {
  const strings = declaredOptions(command).filter((o) => o.type === ApplicationCommandOptionType.String);
  return (strings.find((o) => o.required) ?? strings[0])?.name ?? null;
}

/** The key under which {@link optionsFrom} finds the subcommand ("add" of `/article add`). */
export const SUBCOMMAND = ' subcommand';

/**
 * The option reader for values given as a plain record, in the console and the CLI: a value of the
 * wrong type reads as not given, as a missing one does.
 */
export function optionsFrom(
  values: Readonly<Record<string, string | number | boolean | undefined>>,
): CommandOptions {
  const typed = <T>(name: string, type: string): T | null =>
    typeof values[name] === type ? (values[name] as T) : null;
  return {
    getString: (name) => typed<string>(name, 'string'),
    getBoolean: (name) => typed<boolean>(name, 'boolean'),
    getInteger: (name) => typed<number>(name, 'number'),
    getSubcommand: () => typed<string>(SUBCOMMAND, 'string'),
  };
}

/**
 * Autocomplete choices for an `article` option: the titles containing what was typed, newest first;
 * the value is the article's id. Shared by every command that takes an article.
 */
export function articleChoices(engine: Engine, typed: string): APIApplicationCommandOptionChoice<string>[] {
  const words = typed.trim().toLowerCase();
  return engine
    .articlesByDate()
    .filter((a) => a.meta.title.toLowerCase().includes(words))
    .map((a) => ({ name: a.meta.title, value: a.id }));
}

/** The `article` option of the commands that search every article unless given one. */
export const ARTICLE_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'article',
  description: 'Only this article (every article if not given)',
  autocomplete: true,
} as const;

/** The article the `article` option names, null when it is not given; a UserError when nothing matches. */
export function chosenArticle(engine: Engine, options: CommandOptions): Article | null {
  const title = options.getString('article')?.trim();
  if (!title) return null;
  const article = engine.findArticle(title);
  if (!article) throw new UserError('unknown-article', `No article's title matches "${title}".`);
  return article;
}
