// Shared vitest preset: resolve workspace packages to their TypeScript sources
// (the `@termgrad/source` export condition), so tests need no build first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@termgrad/source', 'module', 'browser', 'development|production'] },
  // Node tests resolve through the SSR condition list; without it vite falls back to dist (toolchain P7).
  ssr: { resolve: { conditions: ['@termgrad/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
  },
});
