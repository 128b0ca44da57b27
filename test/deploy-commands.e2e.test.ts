import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../src/commands.ts';
import { loadConfig } from '../src/config.ts';
import { commandDefinitions, deployCommands } from '../src/discord/deploy.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { childEnv, removeTempDirs } from './support/temp-dirs.ts';

const run = promisify(execFile);
/** `npm run deploy-commands` without npm in between: the same tsx entry point, a second faster. */
const deployScript = (...args: string[]) =>
  [process.execPath, ['--import', 'tsx', 'scripts/deploy-commands.ts', ...args]] as const;
const TOKEN = 'fake-deploy-token';
const GUILD = '1400000000000000001';

describe('deploy-commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake?.close();
    removeTempDirs();
  });

  const env = (extra: Record<string, string> = {}) => ({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: fake.options.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    ...extra,
  });

  it('overwrites the guild commands in one request with every definition', async () => {
    const commands = await loadCommands();
    const result = await deployCommands(loadConfig(env({ DISCORD_GUILD_ID: GUILD }), null), commands);
    expect(result).toMatchObject({
      scope: `guild ${GUILD}`,
      names: ['Add to Byline', 'article', 'ask', 'Ask Byline', 'quote', 'summary'],
    });
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      path: `/applications/${fake.options.applicationId}/guilds/${GUILD}/commands`,
      authorized: true,
      body: commandDefinitions(commands),
    });
    expect(fake.commands.get(GUILD)?.map((c) => [c.name, c.type])).toEqual([
      ['Add to Byline', 3],
      ['article', 1],
      ['ask', 1],
      ['Ask Byline', 3],
      ['quote', 1],
      ['summary', 1],
    ]);
  });

  it('registers globally when no guild is set, run as `npm run deploy-commands`', async () => {
    const { stdout } = await run(...deployScript(), {
      env: childEnv(env({ DISCORD_GUILD_ID: '' })),
    });
    expect(stdout).toBe(
      'Registered 6 commands (global): Add to Byline, article, ask, Ask Byline, quote, summary\n',
    );
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/applications/${fake.options.applicationId}/commands`,
    });
    expect(fake.unknownRoutes).toEqual([]);
  });

  it('prints the JSON and calls nothing on --dry-run, with no token needed', async () => {
    const before = fake.requests.length;
    const { stdout } = await run(...deployScript('--dry-run'), {
      env: childEnv({ DISCORD_TOKEN: '', DISCORD_API_URL: fake.apiUrl }),
    });
    expect(JSON.parse(stdout)).toEqual(commandDefinitions(await loadCommands()));
    expect(fake.requests.length).toBe(before);
  });

  it('says which setting is missing instead of calling Discord', async () => {
    const before = fake.requests.length;
    const config = loadConfig(env({ DISCORD_APPLICATION_ID: '' }), null);
    await expect(deployCommands(config, await loadCommands())).rejects.toThrow(
      'Missing configuration: DISCORD_APPLICATION_ID (developer portal → your application → General Information) ' +
        'is needed to register the commands.',
    );
    expect(fake.requests.length).toBe(before);
  });
});
