/**
 * Structured logs (pino, JSON lines) to standard error, so standard output stays free for the CLI's
 * JSON. Secrets never reach a log line: known paths are redacted, and any given secret string is
 * scrubbed from every line before it is written, wherever it turns up (an error message, a URL).
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/** What replaces a secret in the logs. */
export const REDACTED = '[redacted]';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level written. Default `info`. */
  level?: LogLevel;
  /** Strings (the bot token) that must never appear in a log line. Empty ones are ignored. */
  secrets?: readonly (string | null | undefined)[];
  /** Where lines go. Default: standard error. */
  destination?: DestinationStream;
}

/** Creates the program's logger. */
export function createLogger({ level = 'info', secrets = [], destination }: LoggerOptions = {}): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return pino(
    {
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'headers.authorization',
          '*.headers.authorization',
          'config.discord.token',
        ],
        censor: REDACTED,
      },
      hooks: {
        streamWrite: (line) => hidden.reduce((text, secret) => text.replaceAll(secret, REDACTED), line),
      },
    },
    destination ?? pino.destination({ fd: 2, sync: true }),
  );
}
