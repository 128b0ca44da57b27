/**
 * `npm start`: the Discord bot when a token is configured, otherwise the local console.
 */
import { startBot } from './discord/bot.ts';
import { loadCommands } from './commands.ts';
import { loadConfig } from './config.ts';
import { runConsole } from './cli/console.ts';
import { ConfigError, CorpusError } from './engine/errors.ts';
import { loadIndexedCorpus } from './engine/corpus/cache.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.discord.token) {
    await startBot(config);
    return;
  }
  const [{ engine }, commands] = await Promise.all([
    loadIndexedCorpus(config.corpusDir, { cacheDir: config.cacheDir }),
    loadCommands(),
  ]);
  await runConsole(engine, commands, {
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
