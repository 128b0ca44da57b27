import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Build workers started under tsx would otherwise leave its compile cache in the temp folder.
    env: { TSX_DISABLE_CACHE: '1' },
  },
});
