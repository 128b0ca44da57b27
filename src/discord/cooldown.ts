/**
 * A per-user cooldown: at most `requests` within any `seconds`-long window (a sliding window over the
 * times of each user's recent requests). Only time that the clock reports counts, so tests drive it.
 */

/** Options for {@link Cooldown}. */
export interface CooldownOptions {
  /** Requests allowed within the window. */
  requests: number;
  /** Window length in seconds. */
  seconds: number;
  /** Current time in ms. Default `Date.now`. */
  now?: () => number;
}

/** Tracked users above which expired entries are swept, on the next request. */
const PRUNE_ABOVE = 1000;

export class Cooldown {
  readonly #requests: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #recent = new Map<string, number[]>();

  constructor({ requests, seconds, now = Date.now }: CooldownOptions) {
    this.#requests = requests;
    this.#windowMs = seconds * 1000;
    this.#now = now;
  }

  /**
   * Records a request by `userId` and returns 0, or, when the user is over the limit, records nothing
   * and returns the whole seconds to wait before the next request is allowed (at least 1).
   */
  take(userId: string): number {
    const now = this.#now();
    if (this.#recent.size > PRUNE_ABOVE) this.#prune(now);
    const times = (this.#recent.get(userId) ?? []).filter((t) => now - t < this.#windowMs);
    if (times.length >= this.#requests) {
      this.#recent.set(userId, times);
      return Math.max(1, Math.ceil(((times[0] as number) + this.#windowMs - now) / 1000));
    }
    times.push(now);
    this.#recent.set(userId, times);
    return 0;
  }

  /** Forgets users whose requests have all left the window, so memory follows active users only. */
  #prune(now: number): void {
    for (const [userId, times] of this.#recent) {
      if (times.every((t) => now - t >= this.#windowMs)) this.#recent.delete(userId);
    }
  }
}
