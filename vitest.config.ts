import { defineConfig } from 'vitest/config';

// Tests assert behaviour, never speed (speed lives in `npm run bench`): a generous per-test limit
// keeps a slow or busy machine from failing a test that only loads pdf.js or an OCR model.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
