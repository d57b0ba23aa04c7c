import fs from "node:fs";
import { XMLValidator } from "fast-xml-parser";
import type { Browser, Download, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDocumentText, serializeDocument } from "../../src/model";
import { launchBrowser } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";
import { richFixture } from "./fixtures";

/**
 * The export panel in the real app against the real server: SVG and PNG made in the browser, the PDF by
 * POST /api/render/diagram, the model file, a lane-only export, and the message when the server is gone.
 * Needs `vite build` (dist/) like every browser test.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;

async function saved(d: Download): Promise<Buffer> {
  const file = await d.path();
  return fs.readFileSync(file);
}

async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="${testId}"]`)]);
  return { name: d.suggestedFilename(), bytes: await saved(d) };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const res = await fetch(`${server.url}/api/documents/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: serializeDocument(richFixture()),
  });
  if (!res.ok) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  const link = (await res.json()) as { id: string; token: string };
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  // A known name skips the "who are you" dialog of collaborative editing.
  await context.addInitScript(() => localStorage.setItem("nagare.user.name", "書き出し担当"));
  page = await context.newPage();
  await page.goto(`${server.url}/d/${link.id}#t=${link.token}`);
  await page.click('[data-testid="tab-export"]');
  await page.locator('[data-testid="export-preview"]').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("export panel", () => {
  it("saves the whole diagram as SVG", async () => {
    const { name, bytes } = await download("export-svg");
    expect(name).toBe("都営住宅等の管理に関する事務_別添1.svg");
    const svg = bytes.toString("utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const label of ["都民（申込者）", "入居者データベース", "法務省"]) expect(svg).toContain(label);
    expect(svg).toContain("（別添1）事務の内容");
  }, 60_000);

  it("saves a PNG rendered in the browser at the chosen scale", async () => {
    await page.selectOption('.export-panel select:not([data-testid="export-group"]) >> nth=1', "1");
    const { name, bytes } = await download("export-png");
    expect(name.endsWith(".png")).toBe(true);
    const png = PNG.sync.read(bytes);
    const svg = (await download("export-svg")).bytes.toString("utf8");
    expect(png.width).toBe(Number(/width="(\d+)"/.exec(svg)?.[1]));
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] as number) < 200) ink++;
    expect(ink).toBeGreaterThan(5000);
  }, 60_000);

  it("gets the PDF from the server", async () => {
    const { name, bytes } = await download("export-pdf");
    expect(name.endsWith(".pdf")).toBe(true);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    await expect(page.locator('[data-testid="export-status"]').textContent()).resolves.toContain(name);
  }, 60_000);

  it("saves the model file, which loads back", async () => {
    const { name, bytes } = await download("export-model");
    expect(name).toBe("都営住宅等の管理に関する事務.nagare.json");
    const loaded = loadDocumentText(bytes.toString("utf8"));
    expect(loaded.ok && loaded.doc.nodes.length).toBe(15);
  }, 60_000);

  it("exports only the nodes of a chosen lane", async () => {
    await page.check('input[name="export-scope"] >> nth=1');
    await page.selectOption('[data-testid="export-group"]', "lane-contractor");
    const svg = (await download("export-svg")).bytes.toString("utf8");
    expect(svg).toContain('data-node-id="contractor"');
    expect(svg).toContain('data-node-id="subcontractor"');
    expect(svg).not.toContain('data-node-id="person"');
    await page.check('input[name="export-scope"] >> nth=0');
  }, 60_000);

  it("says clearly that the server is needed when it cannot be reached", async () => {
    await server.stop();
    await page.click('[data-testid="export-pdf"]');
    const status = page.locator('[data-testid="export-status"]');
    await expect
      .poll(async () => status.textContent(), { timeout: 20_000 })
      .toMatch(/サーバーに接続できません|cannot be reached/);
    // SVG still works without the server.
    const { bytes } = await download("export-svg");
    expect(bytes.toString("utf8")).toContain("<svg");
  }, 60_000);
});
