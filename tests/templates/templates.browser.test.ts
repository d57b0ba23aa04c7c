import { describe, expect, it } from "vitest";
import { openLocalEditor } from "../canvas/helpers";
import { liveServerAndBrowser } from "../support/live";

/**
 * Templates and building blocks in the real app: pick a published assessment in the gallery of the start page
 * and get a new shared document drawn from it; place a building block from the side panel and take it back
 * with one undo. Real server process, real Chromium.
 */

const env = liveServerAndBrowser();

describe("templates in the browser", () => {
  it("the gallery shows the five assessments and 'use this template' opens a copy in the editor", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.server.url}/`);
    const gallery = page.getByTestId("template-gallery");
    await gallery.locator('[data-template="tokyo-toei-jutaku"]').waitFor();
    expect(await gallery.locator("[data-template]").count()).toBeGreaterThanOrEqual(5);
    const card = gallery.locator('[data-template="tokyo-toei-jutaku"]');
    expect(await card.textContent()).toContain("都営住宅等の管理に関する事務");
    expect(await card.textContent()).toContain("全項目評価書");
    await card.getByRole("button").click();
    await page.waitForURL(/\/d\/[A-Za-z0-9_-]+/);
    await page.getByTestId("node-LoGoフォーム").waitFor({ timeout: 20_000 });
    expect(await page.locator(".react-flow__node").count()).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a building block is placed in one action and removed with one undo", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1400, height: 900 });
    await page.getByTestId("tab-blocks").click();
    const row = page.locator('[data-block="network_linkage"]');
    await row.getByRole("button").click();
    await page.getByTestId("node-中間サーバー").waitFor();
    await page.getByTestId("node-情報提供ネットワークシステム").waitFor();
    // Focus the canvas on an empty spot (the corners hold the zoom buttons, legend and hints).
    const pane = page.locator(".react-flow__pane");
    const box = await pane.boundingBox();
    await pane.click({ position: { x: (box?.width ?? 800) - 30, y: (box?.height ?? 600) / 3 } });
    await page.keyboard.press("Control+z");
    await expect.poll(() => page.getByTestId("node-中間サーバー").count()).toBe(0);
    expect(await page.getByTestId("node-団体内統合宛名システム").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
