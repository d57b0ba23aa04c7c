import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One config for the app build and the test runner. Tests run in Node; browser tests drive Debian's
// Chromium through playwright-core against a real server process (see tests/support/).
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 2000 },
  worker: { format: "es" },
  server: { port: 5173 },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "server/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A condition awaited in a test (a round trip, a render) gets 10 s on a loaded machine, not vitest's 1 s;
    // a condition that never holds still fails.
    expect: { poll: { timeout: 10_000 } },
  },
});
