/**
 * The one place that reads the environment. `.env` in the working directory is read first if it
 * exists; real environment variables win over it.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const ConfigSchema = z.object({
  /** Bot token from the Discord developer portal. Without it, `npm start` opens the local console. */
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  /** Folder of articles. */
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A configuration problem, with one readable message naming the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment (and `.env`, if present). Throws ConfigError naming each bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = readEnv()): Config {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const result = ConfigSchema.safeParse(blankAsUnset);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Bad configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

function readEnv(): NodeJS.ProcessEnv {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
