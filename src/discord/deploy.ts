/**
 * Command registration: every command definition in one bulk overwrite, to one server when
 * DISCORD_GUILD_ID is set (instant, for development) or globally. Run by `npm run deploy-commands`,
 * never on start-up: registration is rate limited and only changes when the commands do.
 */
import { REST, Routes } from 'discord.js';
import type { Command, CommandData } from '../commands.ts';
import { requireDiscord, type Config } from '../config.ts';

/** What was (or, on a dry run, would be) registered. */
export interface DeployResult {
  /** `global`, or `guild <id>`. */
  scope: string;
  /** The names Discord acknowledged (on a dry run, the names sent). */
  names: string[];
  /** The JSON sent in the overwrite. */
  body: CommandData[];
}

/** The definitions of the loaded commands, in name order: the body of the overwrite. */
export function commandDefinitions(commands: ReadonlyMap<string, Command>): CommandData[] {
  return [...commands.values()].map((c) => c.data).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Overwrites the application's commands with `commands`. With `dryRun`, calls nothing and needs no
 * token. Throws ConfigError when the token or application id is missing, and Discord's error when
 * Discord refuses.
 */
export async function deployCommands(
  config: Config,
  commands: ReadonlyMap<string, Command>,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<DeployResult> {
  const body = commandDefinitions(commands);
  const guildId = config.discord.guildId;
  const scope = guildId ? `guild ${guildId}` : 'global';
  if (dryRun) return { scope, names: body.map((c) => c.name), body };

  const { token, applicationId, apiUrl } = requireDiscord(config, 'register the commands');
  const rest = new REST({ api: apiUrl }).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  return { scope, names: registered.map((c) => c.name), body };
}
