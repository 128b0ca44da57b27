/**
 * One measurement in a fresh process, for `npm run bench`, so each figure (time, memory) starts from a
 * clean heap. Prints one JSON object on standard output.
 *
 *   probe.ts load <corpusDir> <cacheDir> [questionsFile]
 *
 * loads the corpus through the index cache (building it when the cache folder is empty), then, given
 * questions, times Byline's /ask and plain MiniSearch (default options, same passages, same
 * questions) side by side.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import ask from '../../commands/ask.ts';
import { optionsFrom } from '../../src/commands.ts';
import { loadIndexedCorpus } from '../../src/engine/corpus/cache.ts';
import { passagesOf } from '../../src/engine/search/index-parts.ts';
import type { Passage } from '../../src/engine/types.ts';

const [, , mode, corpusDir, cacheDir, questionsFile] = process.argv;
if (mode !== 'load' || !corpusDir || !cacheDir) {
  console.error('usage: probe.ts load <corpusDir> <cacheDir> [questionsFile]');
  process.exit(2);
}

/** Rounds over the questions; the first warms caches and is not counted. */
const ROUNDS = 3;

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const started = performance.now();
const { engine, cache } = await loadIndexedCorpus(corpusDir, { cacheDir });
const loadMs = performance.now() - started;
const rssAfterLoad = mb();
const result: Record<string, unknown> = {
  cache,
  loadMs,
  rssAfterLoadMb: rssAfterLoad,
  articles: engine.articles.length,
  passages: engine.index.size,
};

if (questionsFile) {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as string[];
  // Byline's memory once every question has been asked (lazily built views included), before plain
  // MiniSearch's index is built in the same process.
  // The first time each question is asked is timed apart: it computes views that later questions reuse.
  const firstAsk: number[] = [];
  for (const question of questions) {
    const t = performance.now();
    await ask.execute({ engine, options: optionsFrom({ question }) });
    firstAsk.push(performance.now() - t);
  }
  result.firstAsk = firstAsk;
  result.rssAfterQueriesMb = mb();
  // Byline alone, asked again: its latency without another index's garbage in the same heap.
  const alone: number[] = [];
  for (let round = 0; round < ROUNDS - 1; round++) {
    for (const question of questions) {
      const t = performance.now();
      await ask.execute({ engine, options: optionsFrom({ question }) });
      alone.push(performance.now() - t);
    }
  }
  result.alone = alone;
  const plainStarted = performance.now();
  const plain = new MiniSearch<Passage>({ fields: ['text'] });
  plain.addAll(passagesOf(engine.articles));
  result.plainBuildMs = performance.now() - plainStarted;
  const byline: number[] = [];
  const miniSearch: number[] = [];
  let answered = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      // Side by side, one question at a time: both see the same machine state.
      let t = performance.now();
      const reply = await ask.execute({ engine, options: optionsFrom({ question }) });
      const bylineMs = performance.now() - t;
      t = performance.now();
      plain.search(question);
      const plainMs = performance.now() - t;
      if (round === 0) {
        if (reply.type === 'answer' && reply.answer.hits.length > 0) answered++;
        continue;
      }
      byline.push(bylineMs);
      miniSearch.push(plainMs);
    }
  }
  Object.assign(result, {
    byline,
    miniSearch,
    answered,
    questions: questions.length,
  });
}
console.log(JSON.stringify(result));
