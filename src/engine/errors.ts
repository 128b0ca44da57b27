/**
 * Expected failures, shown to the user as they are. Anything else is a bug: logged with its stack,
 * and answered with a short apology.
 */

/** A failure the user can act on ("the question is empty", "slow down"). */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** A stable identifier for the kind of failure, for logs and tests. */
  readonly id: string;
  constructor(id: string, message: string) {
    super(message);
    this.id = id;
  }
}

/** A corpus file (or the folder) that cannot be loaded. The message names the file. */
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.file = file;
    this.problem = problem;
  }
}

/** A missing or malformed setting. The message names the key and says what is expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * A link or file Byline refuses or cannot read when adding an article: a private address, a 404, an
 * image, too large, too slow. An expected failure, shown to the moderator as it is; the command line
 * exits with code 2 for it.
 */
export class SourceError extends UserError {}
