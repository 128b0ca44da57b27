/**
 * `npm run start:sharded`: the bot over DISCORD_SHARD_COUNT shards (see src/discord/shards.ts).
 */
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/engine/errors.ts';
import { createLogger } from '../src/logger.ts';
import { startShards, stopShards } from '../src/discord/shards.ts';

const config = loadConfig();
const logger = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
try {
  const manager = await startShards(config, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping every shard');
      stopShards(manager);
      process.exit(0);
    });
  }
} catch (error) {
  if (error instanceof ConfigError) console.error(`Byline cannot start: ${error.message}`);
  else logger.error({ err: error }, 'sharded start failed');
  process.exitCode = 1;
}
