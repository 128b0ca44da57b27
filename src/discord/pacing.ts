/**
 * What decides, when an interaction arrives, whether it can be answered directly or must be deferred
 * first: measured values, never a timer that synchronous work could starve. An interaction's age comes
 * from its snowflake (its creation on Discord's side), so time it spent waiting in a socket while the
 * event loop was busy counts; the event loop's lag and the queue of answers still to compute say how
 * long it would wait from now.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { INTERACTION_TOKEN_LIFETIME_MS } from './limits.ts';

/** Options for {@link Pacer}, merged over {@link PACER_DEFAULTS}. */
export interface PacerOptions {
  /**
   * An interaction is answered without a deferral only if the answers queued before it and its own
   * (each at the time its command took lately) take less than this many ms, and its reply can still
   * leave before {@link DIRECT_REPLY_LATEST_MS} of its age. 0 defers every answer. Default 500: the
   * reply then leaves at most half a second later than a deferral would have, which costs a second
   * request, and so CPU, when the bot is busiest.
   */
  answerDirectlyWithinMs: number;
  /**
   * Autocomplete cannot be deferred: one older than this (ms) is dropped, not answered, as its choices
   * would reach Discord after the 3-second window. Default 2000, a second for the response to travel.
   */
  autocompleteMaxAgeMs: number;
}

export const PACER_DEFAULTS: PacerOptions = {
  answerDirectlyWithinMs: 500,
  autocompleteMaxAgeMs: 2000,
};

/**
 * A reply computed directly must be on its way by this age of the interaction (ms): Discord's window
 * less half a second for the request to travel.
 */
export const DIRECT_REPLY_LATEST_MS = 2500;

/** How often the event loop's lag is sampled, in ms. */
const LAG_SAMPLE_MS = 50;

/**
 * When an interaction was created, in ms since the epoch: its snowflake's time, unless that is in the
 * future or older than a token lives (a clock that disagrees with Discord's), when the time it reached
 * the bot (`receivedAt`) stands in.
 */
export function createdAt(snowflakeTime: number, receivedAt: number): number {
  const age = receivedAt - snowflakeTime;
  return age >= 0 && age < INTERACTION_TOKEN_LIFETIME_MS ? snowflakeTime : receivedAt;
}

/** Measures the event loop's lag by how late a repeating timer fires. */
export class LoopLag {
  #lagMs = 0;
  #expected: number;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.#expected = now() + LAG_SAMPLE_MS;
    this.#timer = setInterval(() => {
      const at = this.now();
      this.#lagMs = Math.max(0, at - this.#expected);
      this.#expected = at + LAG_SAMPLE_MS;
    }, LAG_SAMPLE_MS).unref();
  }

  /** The lag of the last sample, in ms. */
  get ms(): number {
    // A sample overdue now is lag already, even before its timer gets to run.
    return Math.max(this.#lagMs, this.now() - this.#expected);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/**
 * The longest the queue waits for first responses in flight before computing the next answer, in ms:
 * up to the end of Discord's window (a first response later than that is lost whatever the bot does),
 * so a slow REST round trip or a retry is never held back by computing.
 */
const FIRST_RESPONSES_WAIT_MS = 2500;

/**
 * Answers computed one at a time, in arrival order. Between them, the event loop gets a turn, and the
 * first responses in flight (deferrals and direct replies) are awaited: a request needs several turns of
 * the loop to reach Discord, and synchronous work would hold it back past Discord's window. A job's
 * errors are its own to handle: the queue only logs what escapes one through `onError`.
 */
export class AnswerQueue {
  readonly #jobs: (() => unknown)[] = [];
  readonly #firstResponses = new Set<Promise<unknown>>();
  #running = false;
  /** Whether a job is being run (not merely the queue being drained). */
  #active = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Holds the next answer's computation until `response` settles (or for at most 2.5 s). */
  holdFor(response: Promise<unknown>): void {
    const settled: Promise<unknown> = response.then(
      () => this.#firstResponses.delete(settled),
      () => this.#firstResponses.delete(settled),
    );
    this.#firstResponses.add(settled);
  }

  /** Jobs waiting or running. */
  get length(): number {
    return this.#jobs.length + (this.#active ? 1 : 0);
  }

  push(job: () => unknown): void {
    this.#jobs.push(job);
    if (!this.#running) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (;;) {
        // First, and between jobs: let the event loop deliver what has arrived (and defer it), and let
        // the first responses under way reach Discord.
        await yieldToLoop();
        await this.#firstResponsesSent();
        const job = this.#jobs.shift();
        if (!job) return;
        this.#active = true;
        try {
          await job();
        } catch (error) {
          this.onError(error);
        } finally {
          this.#active = false;
        }
      }
    } finally {
      this.#running = false;
    }
  }

  async #firstResponsesSent(): Promise<void> {
    if (this.#firstResponses.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise((resolve) => (timer = setTimeout(resolve, FIRST_RESPONSES_WAIT_MS)));
    await Promise.race([Promise.all(this.#firstResponses), cap]);
    clearTimeout(timer);
    // What arrived while waiting is deferred before the next answer holds the loop.
    await yieldToLoop();
  }
}

/** What an answer of a command never measured is expected to take, in ms: a cold first answer. */
const UNMEASURED_MS = 100;

/**
 * Decides, on arrival, whether an interaction must be deferred before its answer is computed: when
 * the answers queued before it and its own (each counted at the time its command took lately) would
 * hold its reply back too long, or make it leave too late for Discord's window.
 */
export class Pacer {
  readonly #expectedMs = new Map<string, number>();
  /** Expected ms of the answers queued or running. */
  #backlogMs = 0;

  constructor(
    readonly options: PacerOptions,
    private readonly lag: LoopLag,
  ) {}

  /**
   * Whether to defer an interaction of `label`, `ageMs` old, now, with `aheadMs` of answers to compute
   * before its own (on arrival: the whole backlog).
   */
  mustDefer(label: string, ageMs: number, aheadMs = this.#backlogMs): boolean {
    // Computing is what a direct reply waits for and a deferral does not; the lag delays both alike,
    // so it counts only against the deadline.
    const computing = aheadMs + this.expected(label);
    return (
      computing >= this.options.answerDirectlyWithinMs ||
      ageMs + this.lag.ms + computing >= DIRECT_REPLY_LATEST_MS
    );
  }

  /** What an answer of `label` is expected to take, in ms. */
  expected(label: string): number {
    return this.#expectedMs.get(label) ?? UNMEASURED_MS;
  }

  /** Counts an answer into the backlog; returns its share, to give back to {@link done}. */
  queued(label: string): number {
    const share = this.expected(label);
    this.#backlogMs += share;
    return share;
  }

  /**
   * Takes an answer out of the backlog and records how long it took (null: it was never computed). The
   * estimate rises at once and halves towards each quicker answer, so a cold start is soon forgotten
   * but one quick answer does not hide that the command is often slow.
   */
  done(label: string, share: number, tookMs: number | null): void {
    this.#backlogMs = Math.max(0, this.#backlogMs - share);
    if (tookMs === null) return;
    const previous = this.#expectedMs.get(label);
    const next = previous === undefined || tookMs > previous ? tookMs : (previous + tookMs) / 2;
    this.#expectedMs.set(label, next);
  }
}
