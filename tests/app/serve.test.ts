import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../support/server";

// `npm start` = build + this server: the page must come back from the real process.
describe("serving the app", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the page and its script", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await fetch(`${server.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
  });

  it("falls back to the page for client routes and never leaves the app directory", async () => {
    expect((await fetch(`${server.url}/local`)).status).toBe(200);
    const res = await fetch(`${server.url}/assets/..%2f..%2fpackage.json`);
    expect(await res.text()).not.toContain('"devDependencies"');
  });
});
