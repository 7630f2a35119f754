// Shared vitest preset: resolve workspace packages to their TypeScript sources
// (the `@termgrad/source` export condition), so tests need no build first.
import { configDefaults, defineConfig } from 'vitest/config';

/** Vite resolve conditions that pick a workspace package's TypeScript source. */
export const sourceConditions = {
  resolve: { conditions: ['@termgrad/source', 'module', 'browser', 'development|production'] },
  // Node tests resolve through the SSR condition list; without it vite falls back to dist (toolchain P7).
  ssr: {
    resolve: { conditions: ['@termgrad/source', 'module', 'node', 'development|production'] },
  },
};

export default defineConfig({
  ...sourceConditions,
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // End-to-end tests run in their own project after the unit tests (see the root vitest.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e*.test.{ts,tsx}'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
  },
});
