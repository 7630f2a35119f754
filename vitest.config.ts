import { defineConfig } from 'vitest/config';

// One vitest process for the whole repo (each package keeps its own vitest.config.ts).
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*'] },
});
