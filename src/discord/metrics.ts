/**
 * The bot's Prometheus metrics (prom-client), in a registry of its own per bot so that two bots in one
 * process (the tests) keep separate counts. Served at /metrics by ./health.ts.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How an interaction ended. */
export type Outcome =
  /** The answer reached Discord. */
  | 'answered'
  /** An expected failure (cooldown, bad option, stale button) was shown to the user. */
  | 'refused'
  /** A bug or a REST failure; the user got an apology where one could still arrive. */
  | 'failed'
  /** Discord no longer knew the interaction (10062, or too old to try): nothing more was sent. */
  | 'expired'
  /** An autocomplete too old to answer in time, dropped unanswered. */
  | 'dropped';

/** Buckets in seconds around Discord's 3-second window and the seconds a backlog can take. */
const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60];

export class BotMetrics {
  readonly registry = new Registry();
  readonly interactions = new Counter({
    name: 'byline_interactions_total',
    help: 'Interactions handled, by command and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly firstResponse = new Histogram({
    name: 'byline_first_response_seconds',
    help: "Time from an interaction's creation to its first response (reply or deferral) reaching Discord",
    labelNames: ['kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly answer = new Histogram({
    name: 'byline_answer_seconds',
    help: "Time from an interaction's creation to its answer reaching Discord",
    labelNames: ['command'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly deferrals = new Counter({
    name: 'byline_deferrals_total',
    help: 'Interactions deferred before their answer was computed',
    registers: [this.registry],
  });
  readonly restErrors = new Counter({
    name: 'byline_rest_errors_total',
    help: 'Discord REST errors, by Discord error code (or HTTP status when the body had none)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly queued = new Gauge({
    name: 'byline_answers_queued',
    help: 'Answers waiting to be computed or being computed',
    registers: [this.registry],
  });

  /** `corpusSize` is read at each scrape: the articles in service. */
  constructor(corpusSize: () => number) {
    new Gauge({
      name: 'byline_corpus_articles',
      help: 'Articles in the corpus in service',
      registers: [this.registry],
      collect() {
        this.set(corpusSize());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'byline_' });
  }
}
