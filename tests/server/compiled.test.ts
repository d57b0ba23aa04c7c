import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serializeDocument } from "../../src/model";
import { generatedFixture } from "../render/fixtures";
import { postRender } from "../support/render";
import { type RunningServer, startServer } from "../support/server";
import { createDoc } from "./support";

/**
 * The compiled build as production runs it: `build/server.mjs` (what `npm start` starts) serves the app,
 * the API and renders in its compiled worker; `build/cli.mjs` (what `npm run -s cli` runs) validates and
 * renders. One spawned smoke test each; the build is made first when its sources changed.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-compiled-"));
const model = path.join(tmp, "事務.nagare.json");

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs"), "server", "--if-needed"], { cwd: ROOT });
  fs.writeFileSync(model, serializeDocument(generatedFixture(8)));
}, 120_000);

describe("the compiled server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ entry: [path.join(ROOT, "build/server.mjs")] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("serves the app and the API, renders a PDF in its worker, and stops cleanly", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('<div id="root">');
    const link = await createDoc(server.url);
    const pdf = await postRender(server, link, "diagram", "format=pdf", fs.readFileSync(model, "utf8"));
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).subarray(0, 5))).toBe("%PDF-");
    // No TypeScript at run time: the process loaded neither tsx nor a .ts file.
    expect(server.output()).not.toMatch(/\.ts\b/);
    await server.stop();
    expect(server.proc.exitCode).toBe(0);
  }, 120_000);
});

describe("the compiled command line", () => {
  test("validates and renders a file, and says what is wrong with a bad one", async () => {
    const cli = path.join(ROOT, "build/cli.mjs");
    const ok = await run(process.execPath, [cli, "validate", model]);
    expect(ok.stdout).toContain("OK");
    const svg = path.join(tmp, "図.svg");
    await run(process.execPath, [cli, "diagram", model, "--format", "svg", "--out", svg]);
    expect(fs.readFileSync(svg, "utf8")).toContain("<svg");
    const bad = path.join(tmp, "bad.nagare.json");
    fs.writeFileSync(bad, '{"format":"nagare","schemaVersion":2,"nodes":[{"id":"x"}]}');
    const failed = await run(process.execPath, [cli, "validate", bad]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toContain("nodes");
  }, 60_000);
});
