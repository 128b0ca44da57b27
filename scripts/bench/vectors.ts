/**
 * `npx tsx scripts/bench/vectors.ts`: what the word vectors cost. Converts the package's JSON into a
 * table in a temporary folder three times, and reads it five times after each: medians, and the memory
 * one read adds. The folder is removed after.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANALYSIS } from '../../src/engine/text/analysis.ts';
import { loadWordVectors, prepareWordVectors } from '../../src/engine/text/vectors.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const conversions: number[] = [];
const loads: number[] = [];
let memory = 0;
let size = 0;
let terms = 0;
for (let run = 0; run < 3; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'byline-vectors-'));
  try {
    let started = performance.now();
    const path = prepareWordVectors({ cacheDir: dir, analysis: DEFAULT_ANALYSIS });
    if (path === null) throw new Error('the word-vector package is not installed');
    conversions.push(performance.now() - started);
    size = statSync(path).size;
    for (let read = 0; read < 5; read++) {
      const before = process.memoryUsage().rss;
      started = performance.now();
      const vectors = loadWordVectors(path);
      loads.push(performance.now() - started);
      if (run === 0 && read === 0) memory = process.memoryUsage().rss - before;
      terms = vectors.size;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `word vectors: ${terms.toLocaleString('en-US')} terms, table ${(size / 1e6).toFixed(1)} MB; ` +
    `conversion median ${(median(conversions) / 1000).toFixed(1)} s (3 runs); ` +
    `load median ${median(loads).toFixed(0)} ms (15 reads); memory of one load ${(memory / 1e6).toFixed(0)} MB`,
);
