/**
 * `npm run deploy-commands [-- --dry-run]`: registers every command with Discord in one bulk
 * overwrite and says what it registered. `--dry-run` prints the JSON it would send, calling nothing.
 */
import { parseArgs } from 'node:util';
import { loadCommands } from '../src/commands.ts';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/engine/errors.ts';
import { deployCommands } from '../src/discord/deploy.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig();
  const commands = await loadCommands();
  const result = await deployCommands(config, commands, { dryRun: values['dry-run'] });
  if (values['dry-run']) {
    console.log(JSON.stringify(result.body, null, 2));
    console.error(
      `Dry run: would register ${result.names.length} commands (${result.scope}); nothing was sent.`,
    );
  } else {
    console.log(`Registered ${result.names.length} commands (${result.scope}): ${result.names.join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(`deploy-commands failed: ${error instanceof ConfigError ? error.message : String(error)}`);
  process.exitCode = 1;
});
