/**
 * The engine logs through a logger it is given, never one of its own: the adapters pass theirs
 * (pino in the bot), and tests pass none. Any logger with these four methods fits, pino's included.
 */

/** One log method: structured fields first, then the message. */
export type LogMethod = (fields: object, message?: string) => void;

/** What the engine needs of a logger. */
export interface EngineLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}
