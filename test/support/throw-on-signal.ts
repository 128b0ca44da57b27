/**
 * Preloaded (`node --import tsx --import ./test/support/throw-on-signal.ts`) into the bot process by
 * test/process-guards.e2e.test.ts: on SIGUSR2 it throws, an uncaught exception in the middle of a
 * running bot, so that the test can watch the process guard deal with it.
 */
process.on('SIGUSR2', () => {
  throw new Error('injected fault: uncaught exception');
});
