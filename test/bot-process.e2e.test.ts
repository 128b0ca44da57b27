import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './support/fake-discord.ts';
import { expectWithinLimits } from './support/limits-check.ts';
import { childEnv, removeTempDirs } from './support/temp-dirs.ts';

const TOKEN = 'fake-process-token.xyz';

describe('the bot process, started as `npm start` starts it', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake?.close();
    removeTempDirs();
  });

  it('logs in, answers /ask, and exits 0 on SIGTERM without ever printing the token', async () => {
    // The command `npm start` runs (package.json), without npm in between.
    const child = spawn('node_modules/.bin/tsx', ['src/main.ts'], {
      env: childEnv({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: fake.options.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: '',
        LOG_LEVEL: 'debug',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

    await fake.waitForReady();
    const { id } = fake.sendSlashCommand('ask', { question: 'Who is leading the talks?' });
    const reply = await fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: false });
    for (const request of fake.requests) expectWithinLimits(request);

    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    await fake.waitForDisconnect();
    expect(output).toContain('"msg":"Byline is online"');
    expect(output).toContain('"msg":"shutting down"');
    expect(output).not.toContain(TOKEN);
    expect(fake.identifies[0]).toMatchObject({ token: TOKEN, intents: 1 });
  });
});
