/**
 * The process guards of `npm start` (src/main.ts), in a real bot process on the local Discord: an
 * event discord.js cannot read costs that event alone, and an uncaught exception is logged at fatal
 * level and ends the process with a non-zero code, for a supervisor to restart it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './support/fake-discord.ts';
import { childEnv, removeTempDirs } from './support/temp-dirs.ts';

const TOKEN = 'fake-guard-token.xyz';

describe('the process guards of the bot process', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake?.close();
    removeTempDirs();
  });

  it('survives an INTERACTION_CREATE with neither member nor user, and exits 1 on an uncaught exception', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './test/support/throw-on-signal.ts', 'src/main.ts'],
      {
        env: childEnv({
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: fake.options.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          DISCORD_GUILD_ID: '',
          LOG_LEVEL: 'info',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await fake.waitForReady();

    fake.sendInteraction({
      type: 2,
      member: undefined,
      data: { id: '1', name: 'ask', type: 1, options: [] },
    });
    const { id } = fake.sendSlashCommand('ask', { question: 'Who is leading the talks?' });
    expect(await fake.waitForReply(id)).toMatchObject({ kind: 'message' });
    expect(output).toContain('"msg":"unhandled promise rejection"');

    child.kill('SIGUSR2');
    expect(await exited).toEqual([1, null]);
    const fatal = output.split('\n').find((line) => line.includes('"level":60'));
    expect(fatal).toContain('injected fault: uncaught exception');
    expect(fatal).toContain('uncaught exception: exiting for the supervisor to restart');
  });
});
