import { afterAll, describe, expect, it } from 'vitest';
import { AnswerQueue, LoopLag, PACER_DEFAULTS, Pacer, createdAt } from '../src/discord/pacing.ts';

describe('createdAt', () => {
  it("takes the snowflake's time when it is in the past and younger than a token", () => {
    expect(createdAt(10_000, 12_500)).toBe(10_000);
  });

  it('takes the time of arrival when the clocks disagree', () => {
    expect(createdAt(20_000, 12_500)).toBe(12_500);
    expect(createdAt(0, 16 * 60_000)).toBe(16 * 60_000);
  });
});

describe('Pacer', () => {
  const lag = new LoopLag();
  afterAll(() => lag.stop());

  it('answers directly while the backlog and the answer fit the budget and the deadline, and defers after', () => {
    const pacer = new Pacer(PACER_DEFAULTS, lag);
    expect(pacer.mustDefer('ask', 0)).toBe(false);
    expect(pacer.mustDefer('ask', 2000)).toBe(false);
    expect(pacer.mustDefer('ask', 2500)).toBe(true);
    pacer.done('ask', pacer.queued('ask'), 200);
    expect(pacer.expected('ask')).toBe(200);
    pacer.queued('ask');
    pacer.queued('ask');
    expect(pacer.mustDefer('ask', 0)).toBe(true);
  });

  it('raises an estimate at once and halves it towards a quicker answer', () => {
    const pacer = new Pacer(PACER_DEFAULTS, lag);
    pacer.done('ask', pacer.queued('ask'), 100);
    pacer.done('ask', pacer.queued('ask'), 0);
    expect(pacer.expected('ask')).toBe(50);
  });

  it('defers everything with a budget of 0', () => {
    expect(new Pacer({ ...PACER_DEFAULTS, answerDirectlyWithinMs: 0 }, lag).mustDefer('ask', 0)).toBe(true);
  });
});

describe('AnswerQueue', () => {
  it('runs jobs one at a time in order, after the deferrals in flight settle', async () => {
    const events: string[] = [];
    const queue = new AnswerQueue((error) => events.push(`error ${String(error)}`));
    let settle = () => undefined as void;
    queue.holdFor(
      new Promise<void>((resolve) => (settle = resolve)).then(() => void events.push('deferred')),
    );
    queue.push(() => void events.push('a'));
    queue.push(() => {
      throw new Error('b failed');
    });
    queue.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push('c');
    });
    expect(queue.length).toBe(3);
    setTimeout(settle, 20);
    while (queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(['deferred', 'a', 'error Error: b failed', 'c']);
  });
});
