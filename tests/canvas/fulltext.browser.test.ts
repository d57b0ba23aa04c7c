import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { liveServerAndBrowser } from "../support/live";
import { canvasSettled, model, openLocalEditor } from "./helpers";

/**
 * On the canvas, as on paper, no text is shortened: a long node label wraps and its box grows to hold it, a long
 * 委託事項 tab and a long boundary title show every character. Real server, real Chromium.
 */

const env = liveServerAndBrowser();

type R = { x: number; y: number; width: number; height: number };
const inside = (a: R, b: R) =>
  a.x >= b.x - 0.5 &&
  a.y >= b.y - 0.5 &&
  a.x + a.width <= b.x + b.width + 0.5 &&
  a.y + a.height <= b.y + b.height + 0.5;

/** The text of an element's line spans, joined, and whether anything in it is clipped by its own box. */
async function linesOf(el: Locator) {
  return el.evaluate((e) => ({
    text: [...e.querySelectorAll(":scope > span")].map((s) => s.textContent).join(""),
    clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1,
  }));
}

async function box(el: Locator): Promise<R> {
  const b = await el.boundingBox();
  if (!b) throw new Error("element not drawn");
  return b;
}

async function addNamed(page: Page, kind: string, label: string) {
  await page.locator(`[data-testid="palette-node:${kind}"]`).click();
  const editor = page.locator(".label-editor textarea");
  await editor.fill(label);
  await editor.press("Enter");
  await page.locator(`[data-testid="node-${label}"]`).waitFor();
}

describe("long texts on the canvas", () => {
  it("a long node label shows whole, its box grown to hold every line", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1400, height: 900 });
    const label =
      "庁内の他業務システム（国民年金・国民健康保険・介護保険・後期高齢者医療・選挙・印鑑登録・就学・福祉 等）";
    await addNamed(page, "system_own", label);
    await canvasSettled(page);
    const node = page.getByTestId(`node-${label}`);
    const text = node.locator(".kind-label");
    // A line may break at the space before 「等」.
    expect((await linesOf(text)).text.replace(/ /g, "")).toBe(label.replace(/ /g, ""));
    const lines = await text.locator(":scope > span").count();
    expect(lines).toBeGreaterThan(3);
    // The stored size stays the default; the drawn box is taller and holds every line.
    const stored = (await model(page))?.nodes.find((n) => n.label === label);
    expect(stored?.size?.height ?? 60).toBeLessThan(lines * 15 + 12);
    const nb = await box(node);
    expect(nb.height).toBeGreaterThanOrEqual(lines * 15 + 12 - 1);
    expect(inside(await box(text), nb)).toBe(true);
    // Once to look at: the node as drawn.
    const shot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-fulltext-")), "long-label.png");
    await node.screenshot({ path: shot });
    expect(fs.statSync(shot).size).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("the 昭島市 template: 委託事項 tabs and boundary titles whole, nothing clipped", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.server.url}/`);
    const card = page.getByTestId("template-gallery").locator('[data-template="akishima-juki"]');
    await card.getByRole("button").click();
    await page.waitForURL(/\/d\/[A-Za-z0-9_-]+/);
    await page.getByTestId("node-日本電子計算株式会社").waitFor({ timeout: 20_000 });
    await canvasSettled(page);
    const tab = page.getByTestId("node-日本電子計算株式会社").locator(".kind-tag");
    const t = await linesOf(tab);
    expect(t.text).toBe("委託：自治体システム標準化における既存住民基本台帳システムのデータ移行およびシステム導入");
    expect(t.clipped).toBe(false);
    expect(await tab.locator(":scope > span").count()).toBeGreaterThan(1);
    // The tab sits on the node's top edge, as on paper.
    const tb = await box(tab);
    const nb = await box(page.getByTestId("node-日本電子計算株式会社"));
    expect(Math.abs(tb.y + tb.height - nb.y)).toBeLessThan(1);
    const fuji = await linesOf(page.getByTestId("node-富士フイルムシステムサービス株式会社").locator(".kind-tag"));
    expect(fuji).toEqual({ text: "委託：コンビニ交付システム保守及び運用業務", clipped: false });
    const title = "住基ネット（都道府県サーバ・全国サーバ・個人番号カード管理システム）";
    const group = page.getByTestId(`group-${title}`);
    const head = group.locator(".group-title");
    expect((await linesOf(head)).text).toBe(title);
    expect(inside(await box(head), await box(group))).toBe(true);
    const store = page.getByTestId("node-国内の別データセンター(バックアップ)");
    expect((await linesOf(store.locator(".kind-label"))).text).toBe("国内の別データセンター(バックアップ)");
    expect(inside(await box(store.locator(".kind-label")), await box(store))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
