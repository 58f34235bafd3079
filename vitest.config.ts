import { defineConfig } from 'vitest/config';

// Unit, property, fidelity and content tests run in Node. The browser tests have their own
// project (tests/e2e) because they need a built site and Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
        },
      },
    ],
  },
});
