/**
 * The one place that reads the environment. `process.env` (over a `.env` file, when there is one) is
 * parsed once with zod into a typed {@link Config}; nothing else in the code reads `process.env`.
 * A missing or malformed value stops start-up with one readable message naming the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './engine/errors.ts';

/** Discord ids (snowflakes) are 17 to 20 digits. */
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

const positiveInteger = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .positive(`must be at least 1`);

/** Log levels pino knows, plus `silent`. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every key the program reads. `.env.example` lists exactly these. Empty values count as unset, so
 * `DISCORD_GUILD_ID=` in a `.env` file means "register globally".
 */
export const EnvSchema = z.object({
  /** The bot token (developer portal → Bot → Reset Token). Without it, `npm start` opens the local console. */
  DISCORD_TOKEN: z
    .string()
    .regex(/^\S+$/, 'must be the bot token alone, without spaces or a "Bot " prefix')
    .optional(),
  /** The application id (developer portal → General Information). Needed by the bot and deploy script. */
  DISCORD_APPLICATION_ID: snowflake.optional(),
  /** Register commands to this one server (instant, for development) instead of globally. */
  DISCORD_GUILD_ID: snowflake.optional(),
  /** REST base URL without the version; a REST proxy, or the local Discord in tests. */
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://discord.com/api'),
  /** Folder of articles to load. */
  CORPUS_DIR: z.string().default('corpus'),
  /** Folder for the index cache, so a restart with an unchanged corpus loads instead of rebuilding; `off` for none. */
  CACHE_DIR: z.string().default('.cache'),
  /**
   * Whether questions are also understood through word vectors ("the boss" finds "chief executive").
   * Off answers by the words alone, for small hosts: the vectors take about 15 MB of memory.
   */
  WORD_VECTORS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  /** Folder for the converted word vectors; by default CACHE_DIR (node_modules/.cache/byline when that is off). */
  VECTORS_DIR: z.string().optional(),
  /** Whether the bot watches CORPUS_DIR and reloads articles that are added, changed or removed. */
  CORPUS_WATCH: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Gateway shards for `npm run start:sharded`: a number, or `auto` for Discord's recommendation.
   * One process per shard; Discord requires sharding from 2,500 servers. (Not `SHARD_COUNT`: discord.js
   * reads that one itself in the processes its sharding manager starts.)
   */
  DISCORD_SHARD_COUNT: z
    .union([z.literal('auto'), positiveInteger('shards')], {
      error: 'must be auto or a whole number of shards',
    })
    .default('auto'),
  /** How much to log to stderr. */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Requests one user may make within COOLDOWN_SECONDS before being asked to slow down. */
  COOLDOWN_REQUESTS: positiveInteger('requests').default(5),
  /** The cooldown window, in seconds. */
  COOLDOWN_SECONDS: positiveInteger('seconds').default(10),
  /**
   * Let `/article add` and `npm run article` fetch from private, loopback and link-local addresses.
   * Off by default, so that a link cannot make Byline reach into the network it runs in; on for
   * tests and for an intranet's own news site.
   */
  ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** Serve /healthz and /metrics (Prometheus) over HTTP on this port; unset for none, 0 for any free port. */
  HEALTH_PORT: z.coerce
    .number({ error: 'must be a port number (0 to 65535)' })
    .int('must be a port number (0 to 65535)')
    .min(0, 'must be a port number (0 to 65535)')
    .max(65535, 'must be a port number (0 to 65535)')
    .optional(),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The parsed configuration, as the rest of the program sees it. */
export interface Config {
  discord: {
    /** Null when unset: `npm start` then runs the local console instead of the bot. */
    token: string | null;
    applicationId: string | null;
    guildId: string | null;
    apiUrl: string;
  };
  corpusDir: string;
  /** Null when the cache is off. */
  cacheDir: string | null;
  watchCorpus: boolean;
  /** Where the converted word vectors live; null when they are off. */
  vectorsDir: string | null;
  shardCount: number | 'auto';
  logLevel: LogLevel;
  cooldown: { requests: number; seconds: number };
  /** Whether articles may be fetched from private network addresses (ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
  /** Port of the health and metrics server; null when it is off. */
  healthPort: number | null;
}

/** What the bot and the deploy script need: the Discord settings, all present. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId: string | null;
  apiUrl: string;
}

/**
 * Parses an environment into a {@link Config}. Values in `env` win over those in the `.env` file at
 * `envFile` (read only if it exists), as with `node --env-file`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile: string | null = '.env'): Config {
  const fromFile = envFile !== null && existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  const merged = { ...fromFile, ...env };
  const keys = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];
  const relevant = Object.fromEntries(
    keys.flatMap((key) => {
      const value = merged[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const result = EnvSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(`Invalid configuration (environment or .env):\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    discord: {
      token: e.DISCORD_TOKEN ?? null,
      applicationId: e.DISCORD_APPLICATION_ID ?? null,
      guildId: e.DISCORD_GUILD_ID ?? null,
      apiUrl: e.DISCORD_API_URL,
    },
    corpusDir: e.CORPUS_DIR,
    cacheDir: e.CACHE_DIR === 'off' ? null : e.CACHE_DIR,
    watchCorpus: e.CORPUS_WATCH,
    vectorsDir: !e.WORD_VECTORS
      ? null
      : (e.VECTORS_DIR ?? (e.CACHE_DIR === 'off' ? 'node_modules/.cache/byline' : e.CACHE_DIR)),
    shardCount: e.DISCORD_SHARD_COUNT,
    logLevel: e.LOG_LEVEL,
    cooldown: { requests: e.COOLDOWN_REQUESTS, seconds: e.COOLDOWN_SECONDS },
    allowPrivateUrls: e.ALLOW_PRIVATE_URLS,
    healthPort: e.HEALTH_PORT ?? null,
  };
}

/**
 * The Discord settings, or a {@link ConfigError} naming what is missing. `purpose` completes the
 * sentence "… is needed to …".
 */
export function requireDiscord(config: Config, purpose: string): DiscordConfig {
  const { token, applicationId, guildId, apiUrl } = config.discord;
  const missing = [
    token ? null : 'DISCORD_TOKEN (developer portal → your application → Bot → Reset Token)',
    applicationId
      ? null
      : 'DISCORD_APPLICATION_ID (developer portal → your application → General Information)',
  ].filter((m): m is string => m !== null);
  if (!token || !applicationId) {
    throw new ConfigError(
      `Missing configuration: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} needed to ${purpose}. ` +
        'Set it in the environment or in .env (see .env.example).',
    );
  }
  return { token, applicationId, guildId, apiUrl };
}
