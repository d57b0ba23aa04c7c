import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { type RunningServer, startServer } from "./server";

type ServerOptions = Parameters<typeof startServer>[0];

/** The real server for one test file, started before its tests and stopped after them. */
export function liveServer(options?: ServerOptions): { readonly server: RunningServer } {
  const env = {} as { server: RunningServer };
  beforeAll(async () => {
    env.server = await startServer(options);
  });
  afterAll(async () => {
    await env.server?.stop();
  });
  return env;
}

/**
 * The real server and Debian's Chromium for one test file: started before its tests, stopped after them.
 * The returned object's fields are filled in by the time the tests run.
 */
export function liveServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
