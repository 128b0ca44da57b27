/**
 * Acknowledgement under bursts and faults, end to end over the local fake Discord with a real
 * discord.js Client: every interaction gets its first response inside Discord's window whatever the
 * backlog; 10062 ends an interaction, 40060 turns the answer into a follow-up; health and metrics.
 * No timing is asserted beyond "before Discord's 3-second deadline": the machine may be busy.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles, writeCorpus } from '../scripts/bench/generate-corpus.ts';
import { loadCommands, type Command } from '../src/commands.ts';
import { loadConfig } from '../src/config.ts';
import { startBot, type Bot, type BotOptions } from '../src/discord/bot.ts';
import { PACER_DEFAULTS } from '../src/discord/pacing.ts';
import { Engine } from '../src/engine/engine.ts';
import { createLogger } from '../src/logger.ts';
import { FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from './support/fake-discord.ts';
import { expectWithinLimits } from './support/limits-check.ts';
import { makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

const TOKEN = 'fake-ack-token.abc.123';
const QUESTION = 'Who is leading the talks?';
const DEFERRED = 5;
const REPLIED = 4;

type Json = Record<string, unknown>;

interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  logs: Json[];
  close(): Promise<void>;
}

let seed: Engine;
let commands: Map<string, Command>;

beforeAll(async () => {
  seed = await Engine.load('corpus');
  commands = await loadCommands();
});
afterAll(removeTempDirs);

async function startHarness(
  engine: Engine,
  { env = {}, fake: fakeOptions = {}, bot: botOptions = {} } = {} as {
    env?: Record<string, string>;
    fake?: Partial<FakeDiscordOptions>;
    bot?: Partial<BotOptions>;
  },
): Promise<Harness> {
  const fake = await FakeDiscord.start({ ackWindowMs: 3000, ...fakeOptions });
  const config = loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      COOLDOWN_REQUESTS: '1000',
      ...env,
    },
    null,
  );
  const logs: Json[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as Json);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination });
  const bot = await startBot(config, { handleSignals: false, logger, engine, commands, ...botOptions });
  return {
    fake,
    bot,
    logs,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

const user = (n: number) => ({ id: String(1_300_000_000_000_000_000n + BigInt(n)), username: `reader${n}` });
const callbacksOf = (fake: FakeDiscord, id: string) =>
  fake.requestsFor(id).filter((r) => r.path.endsWith('/callback'));
/** Method and path of each request for one interaction, ids and token left out. */
const pathsOf = (fake: FakeDiscord, id: string) =>
  fake
    .requestsFor(id)
    .map((r) => `${r.method} ${r.path.replace(/\/\d+\/fake-interaction-token-\d+/, '')} ${r.status}`);

/** Waits until a log line matches, then a little more for anything that would (wrongly) follow it. */
async function waitForLog(logs: Json[], match: (line: Json) => boolean, settleMs = 300): Promise<Json> {
  for (;;) {
    const found = logs.find(match);
    if (found) {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a burst of /ask from many users on a larger corpus', () => {
  let h: Harness;
  beforeAll(async () => {
    const dir = makeTempDir('burst-corpus');
    await writeCorpus(dir, generateArticles({ articles: 300 }));
    for (const file of readdirSync('corpus')) copyFileSync(join('corpus', file), join(dir, file));
    h = await startHarness(await Engine.load(dir));
  }, 120_000);
  afterAll(async () => h?.close());

  it('acknowledges every interaction before the deadline and answers every one', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 80; n++) {
      ids.push(h.fake.sendSlashCommand('ask', { question: QUESTION }, { user: user(n) }).id);
      if (n % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const deadline = Date.now() + 90_000;
    while (ids.some((id) => !h.fake.replyTo(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const replies = ids.map((id) => h.fake.replyTo(id));
    expect(
      ids.filter((id) => !h.fake.replyTo(id)).map((id) => pathsOf(h.fake, id).join(', ') || 'nothing sent'),
    ).toEqual([]);
    expect(replies.every((r) => r?.kind === 'message' && !r.ephemeral)).toBe(true);
    // The fake enforces the 3-second window: a late first response would have got 10062.
    for (const id of ids) {
      const [first] = callbacksOf(h.fake, id);
      expect(first?.status, `first response to ${id}`).toBeLessThan(300);
      expect(callbacksOf(h.fake, id)).toHaveLength(1);
    }
    // A crowd arriving faster than answers are computed is deferred, then answered by editing.
    expect(replies.filter((r) => r?.deferred).length).toBeGreaterThan(0);
    expect(h.logs.filter((l) => l.level === 50)).toEqual([]);
    for (const request of h.fake.requests) expectWithinLimits(request);
  }, 120_000);
});

describe("Discord's REST semantics", () => {
  let h: Harness;
  beforeAll(async () => {
    // No window enforced here: a late interaction's deferral must not race it on a busy machine.
    h = await startHarness(seed, { env: { HEALTH_PORT: '0' }, fake: { ackWindowMs: null } });
  });
  afterEach(() => expect(h.fake.unknownRoutes).toEqual([]));
  afterAll(async () => h?.close());

  /** Makes the first callback of the next interaction fail with `status` and Discord `code`. */
  function refuseNextCallback(status: number, code: number): void {
    const remove = h.fake.injectFault((request: RecordedRequest) => {
      if (!request.path.endsWith('/callback')) return null;
      remove();
      return { status, body: { message: `injected ${code}`, code } };
    });
  }

  it('defers an interaction that reaches the bot late, then edits in the answer', async () => {
    const { id } = h.fake.sendSlashCommand('ask', { question: QUESTION }, { ageMs: 2600 });
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', deferred: true });
    expect(callbacksOf(h.fake, id).map((r) => (r.body as Json).type)).toEqual([DEFERRED]);
  });

  it('sends nothing for an interaction already past the deadline when it arrives', async () => {
    const { id } = h.fake.sendSlashCommand('ask', { question: QUESTION }, { ageMs: 3500 });
    const after = h.fake.sendSlashCommand('ask', { question: QUESTION }).id;
    await h.fake.waitForReply(after);
    expect(h.fake.requestsFor(id)).toEqual([]);
  });

  it('sends nothing more after 10062 on a reply: no second callback, no apology', async () => {
    refuseNextCallback(404, 10062);
    const { id } = h.fake.sendSlashCommand('ask', { question: QUESTION });
    await waitForLog(h.logs, (l) => String(l.msg).includes('10062'));
    expect(pathsOf(h.fake, id)).toEqual(['POST /interactions/callback 404']);
  });

  it('neither computes nor sends an answer after 10062 on a deferral', async () => {
    const forced = await startHarness(seed, {
      bot: { pacing: { ...PACER_DEFAULTS, answerDirectlyWithinMs: 0 } },
    });
    try {
      const remove = forced.fake.injectFault((r) =>
        r.path.endsWith('/callback')
          ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } }
          : null,
      );
      const { id } = forced.fake.sendSlashCommand('ask', { question: QUESTION });
      await waitForLog(forced.logs, (l) => String(l.msg).includes('10062'));
      remove();
      expect(pathsOf(forced.fake, id)).toEqual(['POST /interactions/callback 404']);
      expect(forced.logs.some((l) => l.msg === 'answered')).toBe(false);
    } finally {
      await forced.close();
    }
  });

  it('follows up instead of replying again after 40060', async () => {
    refuseNextCallback(400, 40060);
    const { id } = h.fake.sendSlashCommand('ask', { question: QUESTION });
    const reply = await h.fake.waitForReply(id);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: false });
    expect(pathsOf(h.fake, id)).toEqual(['POST /interactions/callback 400', 'POST /webhooks 200']);
    expect(JSON.stringify(reply.data)).not.toContain('Sorry');
  });

  it('answers a reply that discord.js retries after a 429 and a 500', async () => {
    let faults = 0;
    const remove = h.fake.injectFault((request) => {
      if (!request.path.endsWith('/callback') || faults >= 2) return null;
      faults += 1;
      return faults === 1
        ? {
            status: 429,
            body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
            headers: { 'retry-after': '0.05' },
          }
        : { status: 500, body: { message: 'Internal Server Error', code: 0 } };
    });
    const { id } = h.fake.sendSlashCommand('ask', { question: QUESTION });
    const reply = await h.fake.waitForReply(id);
    remove();
    expect(reply).toMatchObject({ kind: 'message' });
    expect(callbacksOf(h.fake, id).map((r) => r.status)).toEqual([429, 500, 204]);
    expect(callbacksOf(h.fake, id).map((r) => (r.body as Json).type)).toEqual([REPLIED, REPLIED, REPLIED]);
  });

  it('drops an autocomplete that would reach Discord too late, and answers a fresh one', async () => {
    const late = h.fake.sendAutocomplete('ask', { question: 'hos' }, 'question', { ageMs: 2500 }).id;
    const fresh = h.fake.sendAutocomplete('ask', { question: 'hos' }, 'question').id;
    expect(await h.fake.waitForReply(fresh)).toMatchObject({ kind: 'autocomplete' });
    await waitForLog(h.logs, (l) => String(l.msg).startsWith('autocomplete dropped'));
    expect(h.fake.requestsFor(late)).toEqual([]);
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const url = h.bot.health?.url ?? '';
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      ok: true,
      gateway: 'ready',
      articles: seed.articles.length,
      reasons: [],
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^byline_interactions_total\{command="ask",outcome="answered"\} \d+$/m);
    expect(metrics).toMatch(/^byline_interactions_total\{command="ask",outcome="expired"\} \d+$/m);
    expect(metrics).toMatch(/^byline_interactions_total\{command="autocomplete ask",outcome="dropped"\} 1$/m);
    expect(metrics).toMatch(/^byline_first_response_seconds_bucket\{le="1",kind="reply"\} \d+$/m);
    expect(metrics).toMatch(/^byline_answer_seconds_count\{command="ask"\} \d+$/m);
    expect(metrics).toMatch(/^byline_deferrals_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^byline_rest_errors_total\{code="10062"\} \d+$/m);
    expect(metrics).toMatch(/^byline_rest_errors_total\{code="40060"\} 1$/m);
    expect(metrics).toMatch(/^byline_rest_errors_total\{code="http 429"\} 1$/m);
    expect(metrics).toMatch(new RegExp(`^byline_corpus_articles ${seed.articles.length}$`, 'm'));
  });

  it('reports 503 with the reason once the gateway is gone', async () => {
    await h.bot.client.destroy();
    const health = await fetch(`${h.bot.health?.url ?? ''}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      ok: false,
      reasons: [expect.stringMatching(/^the gateway is not connected/)],
    });
  });
});
