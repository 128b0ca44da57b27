/**
 * The word vectors the configuration asks for, for the bot, the console and the CLI alike: converted
 * from the package on first use into `vectorsDir`, then read from there. When they cannot be had
 * (turned off, the package missing, the folder unwritable) Byline answers by the question's words.
 */
import type { Config } from './config.ts';
import type { EngineLogger } from './engine/log.ts';
import { DEFAULT_ANALYSIS } from './engine/text/analysis.ts';
import { openWordVectors, type WordVectors } from './engine/text/vectors.ts';

/** The configured word vectors, or null. Never throws: a problem is logged and the vectors left out. */
export function wordVectorsFor(
  config: Pick<Config, 'vectorsDir'>,
  logger?: EngineLogger,
): WordVectors | null {
  if (config.vectorsDir === null) return null;
  const started = performance.now();
  try {
    const vectors = openWordVectors(config.vectorsDir, DEFAULT_ANALYSIS);
    if (vectors === null)
      logger?.warn({}, 'word vectors not installed: questions are matched by their words alone');
    else
      logger?.debug(
        { terms: vectors.size, ms: Math.round(performance.now() - started) },
        'word vectors loaded',
      );
    return vectors;
  } catch (error) {
    logger?.warn({ err: error }, 'word vectors unreadable: questions are matched by their words alone');
    return null;
  }
}
