/**
 * Once per test run: the word vectors converted into the project's tool cache, so that the CLI, the
 * console and the bot that tests start (each with its own empty CACHE_DIR) read them instead of each
 * converting the package again. Child processes find the folder through VECTORS_DIR (see childEnv).
 */
import { DEFAULT_ANALYSIS } from '../../src/engine/text/analysis.ts';
import { prepareWordVectors } from '../../src/engine/text/vectors.ts';

/** Where tests keep the converted vectors: the default when the index cache is off (see config.ts), never the temp folder. */
export const TEST_VECTORS_DIR = 'node_modules/.cache/byline';

export default function setup(): void {
  prepareWordVectors({ cacheDir: TEST_VECTORS_DIR, analysis: DEFAULT_ANALYSIS });
}
