/**
 * `npm start`: the Discord bot when a token is configured, otherwise the local console.
 *
 * Process guards: an uncaught exception leaves the process in a state nobody planned for, so it is
 * logged at fatal level and the process exits 1, for its supervisor (Docker's restart policy, systemd;
 * see README.md) to start a fresh one. An unhandled rejection is logged and the process goes on:
 * discord.js handles each gateway event inside a promise, so an event it cannot read (an
 * INTERACTION_CREATE with neither member nor user) costs that event alone.
 */
import { startBot } from './discord/bot.ts';
import { loadConfig, type Config } from './config.ts';
import { startConsole } from './cli/console.ts';
import { ConfigError, CorpusError } from './engine/errors.ts';
import { createLogger, type Logger } from './logger.ts';

function guardProcess(logger: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught exception: exiting for the supervisor to restart');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
}

async function main(config: Config, logger: Logger): Promise<void> {
  if (config.discord.token) {
    await startBot(config, { logger });
    return;
  }
  await startConsole(config, {
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    width: process.stdout.columns,
  });
}

function cannotStart(error: unknown): void {
  if (error instanceof CorpusError || error instanceof ConfigError) {
    console.error(`Byline cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}

try {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
  guardProcess(logger);
  await main(config, logger).catch(cannotStart);
} catch (error) {
  cannotStart(error);
}
