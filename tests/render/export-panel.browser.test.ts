import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
 * POST /api/render/diagram, the model file, a lane-only export, an export of what is selected on the canvas,
 * and the message when the server is gone.
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
  // The first PDF also starts a render worker, which on a busy machine takes a while.
  const [d] = await Promise.all([
    page.waitForEvent("download", { timeout: 90_000 }),
    page.click(`[data-testid="${testId}"]`),
  ]);
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
    await page.selectOption('[data-testid="export-scale"]', "1");
    const { name, bytes } = await download("export-png");
    expect(name.endsWith(".png")).toBe(true);
    const png = PNG.sync.read(bytes);
    const svg = (await download("export-svg")).bytes.toString("utf8");
    expect(png.width).toBe(Number(/width="(\d+)"/.exec(svg)?.[1]));
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] as number) < 200) ink++;
    expect(ink).toBeGreaterThan(5000);
  }, 60_000);

  it("gets the PDF from the server, on the paper and orientation chosen, saying how many pages it takes", async () => {
    // Automatic by default, with the plan stated before the PDF is asked for.
    await expect(page.locator('[data-testid="export-pages"]').textContent()).resolves.toMatch(/PDF: A[34] /);
    await page.selectOption('[data-testid="export-paper"]', "a3");
    await page.selectOption('[data-testid="export-orientation"]', "portrait");
    await expect.poll(() => page.locator('[data-testid="export-pages"]').textContent()).toContain("A3 縦");
    const [request, { name, bytes }] = await Promise.all([
      page.waitForRequest((r) => r.url().includes("/api/render/diagram")),
      download("export-pdf"),
    ]);
    const query = new URL(request.url()).searchParams;
    expect([query.get("paper"), query.get("orientation")]).toEqual(["a3", "portrait"]);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    await expect(page.locator('[data-testid="export-status"]').textContent()).resolves.toContain(name);
  }, 120_000);

  it("saves the model file, which loads back", async () => {
    const { name, bytes } = await download("export-model");
    expect(name).toBe("都営住宅等の管理に関する事務.nagare.json");
    const loaded = loadDocumentText(bytes.toString("utf8"));
    expect(loaded.ok && loaded.doc.nodes.length).toBe(15);
  }, 60_000);

  it("exports only the nodes of a chosen lane", async () => {
    await page.check('[data-testid="export-scope-group"]');
    await page.selectOption('[data-testid="export-group"]', "lane-contractor");
    const svg = (await download("export-svg")).bytes.toString("utf8");
    expect(svg).toContain('data-node-id="contractor"');
    expect(svg).toContain('data-node-id="subcontractor"');
    expect(svg).not.toContain('data-node-id="person"');
    await page.check('input[name="export-scope"] >> nth=0');
  }, 60_000);

  it("exports what is selected on the canvas as SVG, PNG and PDF", async () => {
    const all = richFixture().nodes;
    const picked = all.filter((n) => n.id === "person" || n.id === "staff");
    const selectionRadio = page.locator('[data-testid="export-scope-selection"]');
    // Nothing selected yet: the choice is offered but cannot be taken.
    await page.keyboard.press("Escape");
    await expect.poll(() => selectionRadio.isDisabled()).toBe(true);
    const wholeSvg = (await download("export-svg")).bytes.toString("utf8");

    // Near the top-left corner: the middle of these icons has flow lines running over it.
    await page.locator('[data-testid="node-都民（申込者）"]').click({ position: { x: 4, y: 4 } });
    await page.locator('[data-testid="node-担当職員"]').click({ position: { x: 4, y: 4 }, modifiers: ["Shift"] });
    await expect.poll(() => selectionRadio.isEnabled()).toBe(true);
    await expect(selectionRadio.locator("xpath=..").textContent()).resolves.toContain("選択した要素（2 個）");
    await selectionRadio.check();
    // The preview follows the scope.
    const previewSrc = decodeURIComponent(
      (await page.locator('[data-testid="export-preview"]').getAttribute("src")) ?? "",
    );
    expect(previewSrc).toContain('data-node-id="person"');
    expect(previewSrc).not.toContain('data-node-id="agency"');

    const svg = (await download("export-svg")).bytes.toString("utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    const drawn = [...svg.matchAll(/data-node-id="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(drawn).toEqual(["person", "staff"]);
    for (const n of picked) expect(svg).toContain(n.label);
    for (const n of all.filter((x) => !picked.includes(x))) expect(svg, n.label).not.toContain(n.label);

    // PNG: the same smaller figure.
    const png = PNG.sync.read((await download("export-png")).bytes);
    expect(png.width).toBe(Number(/width="(\d+)"/.exec(svg)?.[1]));
    expect(png.width).toBeLessThan(Number(/width="(\d+)"/.exec(wholeSvg)?.[1]));

    // PDF: the server is asked for the selection and draws only it.
    const [request, pdf] = await Promise.all([
      page.waitForRequest((r) => r.url().includes("/api/render/diagram")),
      download("export-pdf"),
    ]);
    const query = new URL(request.url()).searchParams;
    expect(query.get("nodes")?.split(",").sort()).toEqual(["person", "staff"]);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-export-")), "sel.pdf");
    fs.writeFileSync(file, pdf.bytes);
    const text = execFileSync("pdftotext", [file, "-"]).toString("utf8");
    expect(text).toContain("都民");
    expect(text).not.toContain("法務省");

    // Clearing the canvas selection falls back to the whole diagram.
    await page.keyboard.press("Escape");
    await expect.poll(() => selectionRadio.isDisabled()).toBe(true);
    const after = (await download("export-svg")).bytes.toString("utf8");
    expect(after).toContain('data-node-id="agency"');
  }, 90_000);

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
