/**
 * One-shot command line: `npm run ask -- "question"`, `npm run quote -- --speaker NAME`, …
 * It runs the same command modules as Discord and the console. `--json` prints the contract in
 * shared/eval/README.md on standard output; `--batch` reads one main-option value a line from
 * standard input. Messages and errors go to standard error.
 */
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApplicationCommandOptionType } from 'discord.js';
import { declaredOptions, loadCommands, optionsFrom, primaryOption, slashCommands } from '../commands.ts';
import { loadConfig } from '../config.ts';
import { ConfigError, CorpusError, UserError } from '../engine/errors.ts';
import { loadIndexedCorpus } from '../engine/corpus/cache.ts';
import { wordVectorsFor } from '../word-vectors.ts';
import { renderJson } from './json.ts';
import { renderTerminal } from './render.ts';

/** Exit codes: 1 the corpus or configuration cannot be loaded, 2 bad usage or a bad question. */
const EXIT_SETUP = 1;
const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const commands = slashCommands(await loadCommands());
  const command = name ? commands.get(name) : undefined;
  if (!command) {
    console.error(`usage: cli <${[...commands.keys()].join('|')}> [--json] [--batch] [options] [text]`);
    return EXIT_USAGE;
  }
  const primary = primaryOption(command);
  const options: NonNullable<ParseArgsConfig['options']> = {
    json: { type: 'boolean' },
    batch: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const o of declaredOptions(command))
    options[o.name] = { type: o.type === ApplicationCommandOptionType.Boolean ? 'boolean' : 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.error(
      `usage: npm run ${name} -- [--json] [--batch] ${declaredOptions(command)
        .map((o) => `[--${o.name}]`)
        .join(' ')} ${primary ? `<${primary}>` : ''}`,
    );
    return 0;
  }

  const config = loadConfig();
  const { engine } = await loadIndexedCorpus(config.corpusDir, {
    cacheDir: config.cacheDir,
    search: { vectors: wordVectorsFor(config) },
  });
  const flags = { ...values } as Record<string, string | boolean | undefined>;
  const run = async (text: string | undefined) => {
    const input = { ...flags, ...(primary && text !== undefined ? { [primary]: text } : {}) };
    const reply = await command.execute({ engine, options: optionsFrom(input) });
    return values.json ? JSON.stringify(renderJson(reply)) : renderTerminal(reply);
  };

  if (!values.batch) {
    try {
      console.log(await run(positionals.length ? positionals.join(' ') : undefined));
      return 0;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.error(error.message);
      return EXIT_USAGE;
    }
  }
  for await (const line of createInterface({ input: process.stdin, terminal: false })) {
    try {
      console.log(await run(line));
    } catch (error) {
      // One output line per input line, whatever happens: the batch stays aligned with its input.
      // A bug is reported on standard error with its stack, and the batch goes on.
      if (!(error instanceof UserError)) console.error(`${name}: failed on ${JSON.stringify(line)}:`, error);
      const message = error instanceof UserError ? error.message : 'Something went wrong with this line.';
      console.log(values.json ? JSON.stringify({ question: line, results: [], error: message }) : message);
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CorpusError || error instanceof ConfigError) {
      console.error(`Byline cannot start: ${error.message}`);
      process.exitCode = EXIT_SETUP;
    } else {
      console.error(error);
      process.exitCode = EXIT_SETUP;
    }
  },
);
