/**
 * Why a source could not be added. Each is an expected failure, shown to the moderator as it is
 * (see UserError); the command line exits with code 2 for them.
 */
import { UserError } from '../engine/errors.ts';

/** A link or file Byline refuses or cannot read: a private address, a 404, an image, too large, too slow. */
export class SourceError extends UserError {}

/** The SourceError in an error's chain of causes (undici wraps connector errors), or null. */
export function sourceErrorIn(error: unknown): SourceError | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof SourceError) return e;
  }
  return null;
}
