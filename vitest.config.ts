import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The web's `@server/…` alias (docs/adr/0005), for unit tests of web modules. */
const alias = { '@server': fileURLToPath(new URL('./src', import.meta.url)) };

/**
 * Three projects: `unit` (pure, fast), `int` (real PostgreSQL: one cluster per run, one database per test
 * file cloned from a migrated template) and `e2e` (the built web app in Debian's Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          alias,
          include: [
            'src/**/*.test.ts',
            'test/**/*.test.ts',
            'web/src/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
