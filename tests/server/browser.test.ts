import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { launchBrowser } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";
import { api, createDoc } from "./support";

// A loaded machine (two cores shared by parallel test files) makes the first page loads slow.
vi.setConfig({ testTimeout: 120_000 });

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  // A private copy of the built app: another build of dist/ during the run must not swap the assets.
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-dist-"));
  fs.cpSync(path.resolve(import.meta.dirname, "../../dist"), staticDir, { recursive: true });
  server = await startServer({ env: { STATIC_DIR: staticDir } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** One simulated person: a separate browser context (no shared storage or BroadcastChannel). */
async function person(name: string, color: string): Promise<{ ctx: BrowserContext; page: Page; cspErrors: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await ctx.addInitScript(
    ([n, c]) => {
      localStorage.setItem("nagare.user.name", n as string);
      localStorage.setItem("nagare.user.color", c as string);
    },
    [name, color],
  );
  const page = await ctx.newPage();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return { ctx, page, cspErrors };
}

describe("two people in two browsers", () => {
  test("both connect through the owner link, see each other and each other's cursor", async () => {
    const doc = await createDoc(server.url, { title: "ブラウザ" });
    const a = await person("佐藤", "#d9480f");
    const b = await person("鈴木", "#1971c2");
    try {
      for (const p of [a, b]) {
        p.page.on("pageerror", (e) => console.log("PAGEERR", e.message));
        await p.page.goto(server.url + doc.link);
        await p.page.waitForSelector(".status-connected", { timeout: 45_000 }).catch(async (e) => {
          console.log("STATUS", await p.page.getByTestId("status").getAttribute("class"), server.output());
          throw e;
        });
      }
      await a.page.getByTestId("participants").getByText("鈴木").waitFor({ timeout: 10_000 });
      await b.page.getByTestId("participants").getByText("佐藤").waitFor({ timeout: 10_000 });
      // Pointer moves over the canvas in A show up as A's cursor in B, and the other way round.
      const pane = a.page.locator(".react-flow__pane");
      const box = await pane.boundingBox();
      if (!box) throw new Error("no canvas");
      for (let i = 0; i < 5; i++) await a.page.mouse.move(box.x + 200 + i * 20, box.y + 200 + i * 10);
      await b.page.locator(".remote-cursor", { hasText: "佐藤" }).waitFor({ timeout: 10_000 });
      const boxB = await b.page.locator(".react-flow__pane").boundingBox();
      if (!boxB) throw new Error("no canvas");
      for (let i = 0; i < 5; i++) await b.page.mouse.move(boxB.x + 300 + i * 20, boxB.y + 150 + i * 10);
      await a.page.locator(".remote-cursor", { hasText: "鈴木" }).waitFor({ timeout: 10_000 });
      // The server relays presence: the document reports two live connections.
      const info = await api(server.url, `/api/documents/${doc.id}`, { token: doc.token });
      expect(info.body.connected).toBe(2);
      expect(a.cspErrors).toEqual([]);
      expect(b.cspErrors).toEqual([]);
    } finally {
      await a.ctx.close();
      await b.ctx.close();
    }
  });

  test("the start page creates a document and lists it", async () => {
    const p = await person("高橋", "#2f9e44");
    try {
      await p.page.goto(server.url);
      await p.page.getByPlaceholder(/住民基本台帳に関する事務 全項目|Resident register/).fill("一覧の確認");
      await p.page.getByTestId("new-blank").click();
      await p.page.waitForURL(/\/d\/[A-Za-z0-9_-]+#t=/, { timeout: 15_000 });
      await p.page.waitForSelector(".status-connected", { timeout: 45_000 });
      await p.page.goto(server.url);
      await p.page.getByTestId("doc-list").getByText("一覧の確認").waitFor({ timeout: 10_000 });
      expect(p.cspErrors).toEqual([]);
    } finally {
      await p.ctx.close();
    }
  });

  test("the owner shares a view link from the Share panel and saves a version from the Versions panel", async () => {
    const doc = await createDoc(server.url, { title: "共有パネル" });
    const owner = await person("伊藤", "#9c36b5");
    const reviewer = await person("点検者", "#0c8599");
    try {
      await owner.page.goto(server.url + doc.link);
      await owner.page.waitForSelector(".status-connected", { timeout: 45_000 });
      await owner.page.getByTestId("tab-share").click();
      const panel = owner.page.getByTestId("share-panel");
      await panel.locator("select").selectOption("view");
      await panel.getByPlaceholder(/第三者点検|third-party/).fill("第三者点検");
      await panel.locator("form button[type=submit]").click();
      const link = (await owner.page.getByTestId("new-share-link").locator("code").textContent()) ?? "";
      expect(link).toMatch(/\/d\/[A-Za-z0-9_-]+#t=[A-Za-z0-9_-]{43}&role=view$/);
      await reviewer.page.goto(link);
      await reviewer.page.waitForSelector(".status-connected", { timeout: 45_000 });
      await owner.page.getByTestId("participants").getByText("点検者").waitFor({ timeout: 10_000 });
      await owner.page.getByTestId("tab-versions").click();
      const versions = owner.page.getByTestId("versions-panel");
      await versions.getByTestId("version-name").fill("公表版");
      await versions.getByTestId("version-save").click();
      await versions.getByText("公表版").first().waitFor({ timeout: 10_000 });
      const list = await api(server.url, `/api/documents/${doc.id}/versions`, { token: doc.token });
      expect(list.body.versions.map((v: { name: string }) => v.name)).toEqual(["公表版"]);
      const shares = await api(server.url, `/api/documents/${doc.id}/shares`, { token: doc.token });
      expect(shares.body.shares.map((x: { role: string; label: string }) => `${x.role}:${x.label}`)).toEqual([
        "owner:",
        "view:第三者点検",
      ]);
      expect(owner.cspErrors).toEqual([]);
    } finally {
      await owner.ctx.close();
      await reviewer.ctx.close();
    }
  });

  test("importing a file: problems are listed with paths in both languages; a valid file opens as a new document", async () => {
    const p = await person("渡辺", "#e8590c");
    try {
      await p.page.goto(server.url);
      const bad = JSON.stringify({ format: "nagare", schemaVersion: 2, meta: {}, nodes: [{ id: "a", kind: "ufo" }] });
      await p.page.getByTestId("import-file").setInputFiles({
        name: "bad.nagare.json",
        mimeType: "application/json",
        buffer: Buffer.from(bad),
      });
      const problems = p.page.locator(".start-error .problems li");
      await problems.first().waitFor({ timeout: 10_000 });
      const text = (await problems.allTextContents()).join("\n");
      expect(text).toContain("nodes[0]");
      expect(text).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(text).toMatch(/[a-z]{4,}/);
      const good = JSON.stringify({ format: "nagare", schemaVersion: 2, title: "取り込み", meta: {} });
      await p.page.getByTestId("import-file").setInputFiles({
        name: "good.nagare.json",
        mimeType: "application/json",
        buffer: Buffer.from(good),
      });
      await p.page.waitForURL(/\/d\/[A-Za-z0-9_-]+#t=/, { timeout: 15_000 });
    } finally {
      await p.ctx.close();
    }
  });
});
