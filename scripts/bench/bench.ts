/**
 * `npm run bench`: how fast Byline starts and answers, on the seed corpus and on generated corpora of
 * 1,000, 10,000 and 50,000 articles, beside plain MiniSearch, and through the local fake Discord under
 * load, with where a cold build's and a cached load's seconds go. Prints Markdown (medians and 99th
 * percentiles over repeated runs). Not a test: nothing is asserted.
 *
 * BENCH_SIZES=1000 npm run bench   measures the generated corpora of those sizes only ("" for none);
 * BENCH_PARTS=seed,summary,discord,burst,generated chooses the parts (all five by default).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommands, optionsFrom } from '../../src/commands.ts';
import { loadIndexedCorpus } from '../../src/engine/corpus/cache.ts';
import { FakeDiscord } from '../../test/support/fake-discord.ts';
import { generateArticles, questionsFor, writeCorpus } from './generate-corpus.ts';
import { benchSummaries } from './summary.ts';

const SEED_CORPUS = 'corpus';
const DEV_QUESTIONS = '../shared/eval/dev-questions.json';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').filter(Boolean).map(Number);
/** Process starts measured on the seed corpus (after one that builds the cache). */
const START_RUNS = 5;
/** Rounds over the development questions (after one warm-up round). */
const QUESTION_ROUNDS = 5;
/** Cached loads of each generated corpus, each in a fresh process. */
const LOAD_RUNS = 3;
/** Questions asked of each generated corpus. */
const GENERATED_QUESTIONS = 200;
const LOAD_INTERACTIONS = 1000;
const LOAD_RATE_PER_SECOND = 200;
/** Interactions sent first, at a gentle rate, to a freshly started bot (reported apart). */
const WARM_UP_INTERACTIONS = 100;
const WARM_UP_RATE_PER_SECOND = 20;
/** The burst: this many /ask, one per user, sent evenly within one second. */
const BURST_USERS = 600;
/** Generated articles the seed is mixed among for the burst's larger corpus. */
const BURST_GENERATED = 5000;
/** Discord's window for a first response; the local Discord enforces it in the burst (10062 after). */
const ACK_WINDOW_MS = 3000;

const TSX = ['--import', 'tsx'];
/** Heap for the probes: 50,000 articles need more than Node's default (about 4 GB here). */
const PROBE_HEAP = ['--max-old-space-size=16384'];
const work = mkdtempSync(join(tmpdir(), 'byline-bench-'));

/** Nearest-rank percentile of the values, in their unit. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const stats = (values: readonly number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`;

function section(title: string): void {
  console.log(`\n## ${title}\n`);
}

function machine(): void {
  section('Machine');
  console.log(`- CPU: ${cpus()[0]?.model ?? 'unknown'}, nproc ${availableParallelism()}`);
  console.log(
    `- Memory (free -h):\n\n\`\`\`\n${execFileSync('free', ['-h'], { encoding: 'utf8' }).trim()}\n\`\`\``,
  );
  console.log(`- Node ${process.version}`);
}

/** Time from spawning `npm start`'s program (no token: the local console) to its banner. */
async function startToReady(cacheDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...TSX, 'src/main.ts'], {
    env: {
      ...process.env,
      DISCORD_TOKEN: '',
      CORPUS_DIR: SEED_CORPUS,
      CACHE_DIR: cacheDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await once(child.stdout, 'data');
  const elapsed = performance.now() - started;
  child.stdin.end();
  await once(child, 'exit');
  return elapsed;
}

async function seedCorpus(): Promise<void> {
  section('Seed corpus');
  const cacheDir = join(work, 'seed-cache');
  const cold = await startToReady(cacheDir);
  const warm: number[] = [];
  for (let i = 0; i < START_RUNS; i++) warm.push(await startToReady(cacheDir));
  console.log('| measure | median / p99 (ms) | runs |');
  console.log('|---|---|---|');
  console.log(`| process start to ready, index cache cold | ${ms(cold)} | 1 |`);
  console.log(`| process start to ready, index cache warm | ${stats(warm)} | ${START_RUNS} |`);

  const { engine } = await loadIndexedCorpus(SEED_CORPUS, { cacheDir: null });
  const commands = await loadCommands();
  const questions = (
    JSON.parse(readFileSync(DEV_QUESTIONS, 'utf8')) as { questions: { q: string }[] }
  ).questions.map((q) => q.q);
  const runs: [string, string, (q: string) => Record<string, string>][] = [
    ['ask', '/ask question', (q) => ({ question: q })],
    ['quote', '/quote about', (q) => ({ about: q })],
    ['summary', '/summary focus', (q) => ({ focus: q })],
  ];
  for (const [name, label, optionsOf] of runs) {
    const command = commands.get(name);
    if (!command || !existsSync(`commands/${name}.ts`)) {
      console.log(`| ${label} | not on this branch | – |`);
      continue;
    }
    const times: number[] = [];
    for (let round = 0; round <= QUESTION_ROUNDS; round++) {
      for (const q of questions) {
        const t = performance.now();
        await command.execute({ engine, options: optionsFrom(optionsOf(q)) });
        if (round > 0) times.push(performance.now() - t);
      }
    }
    console.log(
      `| ${label}, per question (${questions.length} questions) | ${stats(times)} | ${times.length} |`,
    );
  }
}

interface Probe {
  cache: string;
  loadMs: number;
  rssAfterLoadMb: number;
  articles: number;
  passages: number;
  timings: Record<string, number>;
  plainBuildMs?: number;
  byline?: number[];
  firstAsk?: number[];
  alone?: number[];
  miniSearch?: number[];
  answered?: number;
  questions?: number;
  rssAfterQueriesMb?: number;
}

async function probe(dir: string, cacheDir: string, questionsFile?: string): Promise<Probe> {
  const child = spawn(
    process.execPath,
    [
      ...TSX,
      ...PROBE_HEAP,
      'scripts/bench/probe.ts',
      'load',
      dir,
      cacheDir,
      ...(questionsFile ? [questionsFile] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`probe of ${dir} exited with ${code}`);
  return JSON.parse(out) as Probe;
}

async function generatedCorpora(): Promise<void> {
  section('Generated corpora');
  console.log(
    '| articles (passages) | index build, cache cold (s) | cached load median / p99 (s) | RSS after cached load / after every question (MB) | Byline /ask, first time each question, median / p99 (ms) | Byline /ask, asked again, median / p99 (ms) | side by side: Byline / plain MiniSearch, median / p99 (ms) | ratio of medians | questions answered |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const breakdowns: string[] = [];
  for (const size of SIZES) {
    const dir = join(work, `corpus-${size}`);
    const cacheDir = join(work, `cache-${size}`);
    const articles = generateArticles({ articles: size });
    await writeCorpus(dir, articles);
    const questionsFile = join(work, `questions-${size}.json`);
    writeFileSync(questionsFile, JSON.stringify(questionsFor(articles, GENERATED_QUESTIONS)));
    const build = await probe(dir, cacheDir);
    const loads: Probe[] = [];
    for (let i = 0; i < LOAD_RUNS; i++)
      loads.push(await probe(dir, cacheDir, i === LOAD_RUNS - 1 ? questionsFile : undefined));
    const last = loads[LOAD_RUNS - 1]!;
    const byline = last.byline ?? [];
    const plain = last.miniSearch ?? [];
    console.log(
      `| ${size.toLocaleString('en-US')} (${build.passages.toLocaleString('en-US')}) | ${(build.loadMs / 1000).toFixed(1)} | ${(
        percentile(
          loads.map((l) => l.loadMs),
          50,
        ) / 1000
      ).toFixed(2)} / ${(
        percentile(
          loads.map((l) => l.loadMs),
          99,
        ) / 1000
      ).toFixed(2)} | ${percentile(
        loads.map((l) => l.rssAfterLoadMb),
        50,
      )} / ${last.rssAfterQueriesMb} | ${stats(last.firstAsk ?? [])} | ${stats(last.alone ?? [])} | ${stats(byline)} / ${stats(plain)} | ${(percentile(byline, 50) / percentile(plain, 50)).toFixed(2)} | ${last.answered}/${last.questions} |`,
    );
    breakdowns.push(breakdown(size, build, loads));
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
  for (const table of breakdowns) console.log(table);
}

/** Where the seconds of the cold build and of the cached loads (medians) went, phase by phase. */
function breakdown(size: number, build: Probe, loads: readonly Probe[]): string {
  const phases = [
    ...new Set([...Object.keys(build.timings), ...loads.flatMap((l) => Object.keys(l.timings))]),
  ];
  const seconds = (v: number | undefined) => (v === undefined ? '–' : (v / 1000).toFixed(2));
  const rows = phases.map(
    (phase) =>
      `| ${phase} | ${seconds(build.timings[phase])} | ${seconds(
        loads.some((l) => phase in l.timings)
          ? percentile(
              loads.map((l) => l.timings[phase] ?? 0),
              50,
            )
          : undefined,
      )} |`,
  );
  return [
    `\n### Where the seconds go, ${size.toLocaleString('en-US')} articles\n`,
    '| phase | cold build (s) | cached load, median (s) |',
    '|---|---|---|',
    ...rows,
    `| **total** | ${seconds(build.loadMs)} | ${seconds(
      percentile(
        loads.map((l) => l.loadMs),
        50,
      ),
    )} |`,
  ].join('\n');
}

/** 1,000 /ask interactions at 200 a second through the local Discord, to a bot in its own process. */
async function throughDiscord(): Promise<void> {
  section(`Through the local Discord (${LOAD_INTERACTIONS} /ask at ${LOAD_RATE_PER_SECOND}/s, seed corpus)`);
  const fake = await FakeDiscord.start({ logUnknown: false });
  const child = spawn(process.execPath, [...TSX, 'src/main.ts'], {
    env: {
      ...process.env,
      DISCORD_TOKEN: 'bench-token.x.y',
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: '',
      CORPUS_DIR: SEED_CORPUS,
      CACHE_DIR: join(work, 'seed-cache'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await fake.waitForReady();
  const questions = (
    JSON.parse(readFileSync(DEV_QUESTIONS, 'utf8')) as { questions: { q: string }[] }
  ).questions.map((q) => q.q);
  let sent = 0;
  /** Sends `count` /ask at `rate` a second; resolves with each one's dispatch-to-reply time (ms). */
  const burst = async (count: number, rate: number) => {
    const dispatched = new Map<string, number>();
    const latency = new Map<string, number>();
    const stop = fake.onRequest((request) => {
      const id = request.interactionId;
      if (id === null || latency.has(id) || !dispatched.has(id)) return;
      if (fake.replyTo(id)) latency.set(id, performance.now() - dispatched.get(id)!);
    });
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // One user an interaction: the cooldown is per user, and a crowd is what this measures.
      const n = sent++;
      const user = { id: String(1_300_000_000_000_000_000n + BigInt(n)), username: `reader${n}` };
      const { id } = fake.sendSlashCommand('ask', { question: questions[n % questions.length]! }, { user });
      dispatched.set(id, performance.now());
    }
    const deadline = performance.now() + 10_000;
    while (latency.size < count && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stop();
    return { values: [...latency.values()], seconds: (performance.now() - started) / 1000 };
  };
  const row = (label: string, count: number, { values, seconds }: { values: number[]; seconds: number }) =>
    console.log(
      `| ${label} | ${values.length} / ${count} | ${ms(percentile(values, 50))} / ${ms(percentile(values, 90))} / ${ms(percentile(values, 99))} / ${ms(Math.max(...values))} | ${seconds.toFixed(1)} |`,
    );
  console.log(
    '| phase | answered | dispatch → recorded reply, median / p90 / p99 / max (ms) | run length (s) |',
  );
  console.log('|---|---|---|---|');
  // A bot's first interactions run cold code (JIT, lazily loaded modules): shown apart, at a gentle rate.
  row(
    `first ${WARM_UP_INTERACTIONS} after login, ${WARM_UP_RATE_PER_SECOND}/s`,
    WARM_UP_INTERACTIONS,
    await burst(WARM_UP_INTERACTIONS, WARM_UP_RATE_PER_SECOND),
  );
  row(
    `then ${LOAD_INTERACTIONS} at ${LOAD_RATE_PER_SECOND}/s`,
    LOAD_INTERACTIONS,
    await burst(LOAD_INTERACTIONS, LOAD_RATE_PER_SECOND),
  );
  child.kill('SIGTERM');
  await once(child, 'exit');
  await fake.close();
}

/**
 * 600 /ask from 600 users within one second, to a freshly started bot in its own process, through a
 * local Discord that enforces the 3-second window: on the seed, and on the seed among 5,000 generated
 * articles. Time to first response is dispatch to the first accepted callback (reply or deferral);
 * time to answer, dispatch to the reply the user sees (the reply, or the edit of the deferral).
 */
async function burst(): Promise<void> {
  section(`Burst: ${BURST_USERS} /ask from ${BURST_USERS} users within 1 s, to a freshly started bot`);
  const questions = (
    JSON.parse(readFileSync(DEV_QUESTIONS, 'utf8')) as { questions: { q: string }[] }
  ).questions.map((q) => q.q);
  const large = join(work, `burst-corpus-${BURST_GENERATED}`);
  await writeCorpus(large, generateArticles({ articles: BURST_GENERATED }));
  for (const file of readdirSync(SEED_CORPUS)) copyFileSync(join(SEED_CORPUS, file), join(large, file));
  console.log(
    '| corpus | acknowledged within 3 s | answered | first response, median / p99 (ms) | answer, median / p99 (ms) | deferred | last answer after (s) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [label, dir] of [
    ['seed (1 article)', SEED_CORPUS],
    [`seed among ${BURST_GENERATED.toLocaleString('en-US')} generated`, large],
  ] as const) {
    const fake = await FakeDiscord.start({ logUnknown: false, ackWindowMs: ACK_WINDOW_MS });
    const child = spawn(process.execPath, [...TSX, 'src/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: 'bench-token.x.y',
        DISCORD_APPLICATION_ID: fake.options.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: '',
        CORPUS_DIR: dir,
        CACHE_DIR: join(work, `burst-cache-${dir === SEED_CORPUS ? 'seed' : 'large'}`),
        CORPUS_WATCH: 'false',
        COOLDOWN_REQUESTS: '1000',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await fake.waitForReady();
    const dispatched = new Map<string, number>();
    const firstResponse = new Map<string, number>();
    const answered = new Map<string, number>();
    const stop = fake.onRequest((request) => {
      const id = request.interactionId;
      if (id === null || !dispatched.has(id)) return;
      const at = performance.now() - dispatched.get(id)!;
      const accepted = (request.status ?? 0) < 300;
      if (accepted && request.path.endsWith('/callback') && !firstResponse.has(id)) firstResponse.set(id, at);
      if (!answered.has(id) && fake.replyTo(id)) answered.set(id, at);
    });
    const started = performance.now();
    for (let n = 0; n < BURST_USERS; n++) {
      const wait = started + (n * 1000) / BURST_USERS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const user = { id: String(1_400_000_000_000_000_000n + BigInt(n)), username: `reader${n}` };
      const { id } = fake.sendSlashCommand('ask', { question: questions[n % questions.length]! }, { user });
      dispatched.set(id, performance.now());
    }
    const deadline = performance.now() + 120_000;
    while (answered.size < BURST_USERS && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stop();
    const ids = [...dispatched.keys()];
    const deferred = ids.filter((id) => fake.replyTo(id)?.deferred).length;
    const inTime = [...firstResponse.values()].filter((t) => t <= ACK_WINDOW_MS).length;
    const answers = [...answered.values()];
    console.log(
      `| ${label} | ${inTime} / ${BURST_USERS} | ${answered.size} / ${BURST_USERS} | ${stats([...firstResponse.values()])} | ${stats(answers)} | ${deferred} | ${(Math.max(...answers) / 1000).toFixed(1)} |`,
    );
    child.kill('SIGTERM');
    await once(child, 'exit');
    await fake.close();
  }
  rmSync(large, { recursive: true, force: true });
}

const PARTS = new Set((process.env.BENCH_PARTS ?? 'seed,summary,discord,burst,generated').split(','));
try {
  machine();
  if (PARTS.has('seed')) await seedCorpus();
  if (PARTS.has('summary')) {
    section('Summaries: median time per summary (short, medium and long in turn)');
    benchSummaries();
  }
  if (PARTS.has('discord')) await throughDiscord();
  if (PARTS.has('burst')) await burst();
  if (PARTS.has('generated')) await generatedCorpora();
} finally {
  rmSync(work, { recursive: true, force: true });
}
