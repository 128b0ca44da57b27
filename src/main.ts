/**
 * `npm start`: the Discord bot when a token is configured, otherwise the local console.
 */
import { startBot } from './discord/bot.ts';
import { loadCommands } from './commands.ts';
import { loadConfig } from './config.ts';
import { runConsole } from './cli/console.ts';
import { ConfigError, CorpusError } from './engine/errors.ts';
import { loadIndexedCorpus } from './engine/corpus/cache.ts';
import { CorpusWatcher } from './engine/corpus/watch.ts';
import { ArticleDesk } from './ingest/desk.ts';
import { createLogger } from './logger.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.discord.token) {
    await startBot(config);
    return;
  }
  const [loaded, commands] = await Promise.all([
    loadIndexedCorpus(config.corpusDir, { cacheDir: config.cacheDir }),
    loadCommands(),
  ]);
  // `/article add` in the console reloads the corpus, so the next question finds the article.
  let engine = loaded.engine;
  const logger = createLogger({ level: config.logLevel });
  const watcher = new CorpusWatcher(config.corpusDir, loaded.files, (next) => (engine = next), logger);
  const articles = new ArticleDesk({
    corpusDir: config.corpusDir,
    fetch: { allowPrivate: config.allowPrivateUrls },
    afterChange: () => watcher.reload(),
  });
  await runConsole(
    () => engine,
    commands,
    {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      width: process.stdout.columns,
    },
    articles,
  );
}

main().catch((error: unknown) => {
  if (error instanceof CorpusError || error instanceof ConfigError) {
    console.error(`Byline cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
