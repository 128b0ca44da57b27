/**
 * `npm start`: the Discord bot when a token is configured, otherwise the local console.
 */
import { startBot } from './discord/bot.ts';
import { loadConfig } from './config.ts';
import { startConsole } from './cli/console.ts';
import { ConfigError, CorpusError } from './engine/errors.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.discord.token) {
    await startBot(config);
    return;
  }
  await startConsole(config, {
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    width: process.stdout.columns,
  });
}

main().catch((error: unknown) => {
  if (error instanceof CorpusError || error instanceof ConfigError) {
    console.error(`Byline cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
