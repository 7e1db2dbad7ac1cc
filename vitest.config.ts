import { defineConfig } from 'vitest/config';

// Unit tests cover the pure logic and the store; browser journeys live in tests/e2e (Playwright).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
