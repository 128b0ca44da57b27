/**
 * What a pool of worker threads holding the engine would cost in memory: loads a generated corpus
 * (through the index cache) in the main thread, then in one and two worker threads, and prints the
 * process's RSS after each step as JSON. Each worker holds its own copy of the corpus and index, since
 * the engine's objects cannot be shared between threads.
 *
 *   tsx scripts/bench/worker-memory.ts [articles=10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadIndexedCorpus } from '../../src/engine/corpus/cache.ts';
import { generateArticles, writeCorpus } from './generate-corpus.ts';

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

if (!isMainThread) {
  const { dir, cacheDir } = workerData as { dir: string; cacheDir: string };
  const { engine } = await loadIndexedCorpus(dir, { cacheDir });
  parentPort?.postMessage(engine.articles.length);
  // Stays alive, holding the engine, until terminated.
  setInterval(() => undefined, 60_000);
} else {
  const size = Number(process.argv[2] ?? 10_000);
  const work = mkdtempSync(join(tmpdir(), 'byline-worker-memory-'));
  try {
    const dir = join(work, 'corpus');
    const cacheDir = join(work, 'cache');
    await writeCorpus(dir, generateArticles({ articles: size }));
    const rss: Record<string, number> = { start: mb() };
    let started = performance.now();
    const { engine } = await loadIndexedCorpus(dir, { cacheDir });
    rss.buildIndexMs = Math.round(performance.now() - started);
    rss.mainThreadEngine = mb();
    const workers: Worker[] = [];
    for (let i = 1; i <= 2; i++) {
      started = performance.now();
      // A worker does not inherit tsx's loader: it registers it before importing this file.
      const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => {
        register();
        return import(${JSON.stringify(import.meta.url)});
      });`;
      const worker = new Worker(entry, { eval: true, workerData: { dir, cacheDir } });
      await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
      workers.push(worker);
      rss[`worker${i}LoadMs`] = Math.round(performance.now() - started);
      rss[`after${i}Worker${i > 1 ? 's' : ''}`] = mb();
    }
    console.log(JSON.stringify({ articles: engine.articles.length, rssMb: rss }));
    await Promise.all(workers.map((w) => w.terminate()));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
