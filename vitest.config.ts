import { sourceConditions } from '@termgrad/vitest-config';
import { defineConfig } from 'vitest/config';

// One vitest process for the whole repo. Unit tests of every package run first (group 0, in
// parallel); then the app's end-to-end tmux tests (group 1) and the pack-and-install checks
// (group 2) run alone, so timing-sensitive terminal tests do not compete for the 2 cores.
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      {
        ...sourceConditions,
        test: {
          name: 'e2e',
          root: './apps/termgrad',
          include: ['test/e2e*.test.{ts,tsx}'],
          testTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'cycles',
          root: './tooling/cycles',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'pack-check',
          root: './tooling/checks',
          include: ['test/**/*.test.ts'],
          testTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
