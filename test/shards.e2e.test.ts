import type { ShardingManager } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startShards, stopShards } from '../src/discord/shards.ts';
import { FakeDiscord, shardOf } from './support/fake-discord.ts';
import { childEnv, removeTempDirs } from './support/temp-dirs.ts';

const TOKEN = 'fake-shard-token.abc';

describe('the bot over two shards (npm run start:sharded) on the local Discord', () => {
  let fake: FakeDiscord;
  let manager: ShardingManager | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    // The shard processes read their settings from the environment, as `npm start` does; their
    // index cache and temporary files go to this file's temp folder.
    const { TMPDIR, CACHE_DIR } = childEnv();
    Object.assign(process.env, {
      TMPDIR,
      CACHE_DIR,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: '',
      CORPUS_WATCH: 'false',
      LOG_LEVEL: 'warn',
    });
    const config = loadConfig({ ...process.env, DISCORD_SHARD_COUNT: '2' }, null);
    manager = await startShards(config, createLogger({ level: 'silent' }), { spawnDelayMs: 0 });
  }, 60_000);

  afterAll(async () => {
    if (manager) stopShards(manager);
    process.env = saved;
    await fake?.waitForDisconnect();
    await fake?.close();
    removeTempDirs();
  });

  it('identifies once per shard, and each guild is answered once, by its own shard', async () => {
    await fake.waitForReady(2);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const base = BigInt(fake.options.guildId);
    const guilds = [base, base + (1n << 22n)].map(String);
    expect(guilds.map((g) => shardOf(g, 2)).sort()).toEqual([0, 1]);
    for (const guild_id of guilds) {
      const { id } = fake.sendInteraction({
        type: 2,
        guild_id,
        authorizing_integration_owners: { '0': guild_id },
        data: {
          id: '1300000000000000001',
          name: 'ask',
          type: 1,
          options: [{ name: 'question', type: 3, value: 'Who is leading the talks?' }],
        },
      });
      expect(await fake.waitForReply(id)).toMatchObject({ kind: 'message', ephemeral: false });
      expect(fake.requestsFor(id).filter((r) => r.path.endsWith('/callback'))).toHaveLength(1);
    }
  }, 60_000);
});
