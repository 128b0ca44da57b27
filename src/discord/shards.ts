/**
 * `npm run start:sharded`: the bot split over several gateway shards, one process each, with
 * discord.js's ShardingManager. Each shard process is `npm start`'s own program (src/main.ts): it
 * loads the corpus (from the index cache), watches it, and logs in for its share of the servers, which
 * discord.js gives it through the environment. Discord requires sharding from 2,500 servers; below
 * that, `npm start` is simpler and uses less memory.
 */
import { REST, Routes, ShardingManager, type APIGatewayBotInfo } from 'discord.js';
import { fileURLToPath } from 'node:url';
import { requireDiscord, type Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/** Options for {@link startShards}, merged over {@link SHARD_DEFAULTS}. */
export interface ShardOptions {
  /**
   * Wait between starting two shards, in ms. Default 5500: Discord allows one IDENTIFY per 5 seconds
   * (for bots without large-bot concurrency), with half a second of margin.
   */
  spawnDelayMs: number;
  /** How long a shard may take to become ready, in ms. Default 60,000: a large corpus loads first. */
  readyTimeoutMs: number;
}

export const SHARD_DEFAULTS: ShardOptions = { spawnDelayMs: 5500, readyTimeoutMs: 60_000 };

/** The program each shard runs: main.ts under tsx, or main.js once built. */
const SHARD_ENTRY = fileURLToPath(
  new URL(`../main${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/** Starts `config.shardCount` shards (Discord's recommendation for `auto`); resolves once all are ready. */
export async function startShards(
  config: Config,
  logger: Logger,
  options: Partial<ShardOptions> = {},
): Promise<ShardingManager> {
  const { token, apiUrl } = requireDiscord(config, 'run the bot');
  const settings = { ...SHARD_DEFAULTS, ...options };
  const totalShards =
    config.shardCount === 'auto' ? await recommendedShards(token, apiUrl) : config.shardCount;
  const manager = new ShardingManager(SHARD_ENTRY, {
    token,
    totalShards,
    execArgv: SHARD_ENTRY.endsWith('.ts') ? ['--import', 'tsx'] : [],
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: totalShards }, 'shard starting');
    shard.on('death', () => logger.error({ shard: shard.id }, 'shard process exited; restarting it'));
  });
  await manager.spawn({ delay: settings.spawnDelayMs, timeout: settings.readyTimeoutMs });
  logger.info({ shards: totalShards }, 'every shard is ready');
  return manager;
}

/** Stops every shard process (without restarting them). */
export function stopShards(manager: ShardingManager): void {
  for (const shard of manager.shards.values()) shard.kill();
}

/** Discord's recommended shard count for this bot (`GET /gateway/bot`), through `apiUrl`. */
async function recommendedShards(token: string, apiUrl: string): Promise<number> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const info = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
  return info.shards;
}
