import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { canvasSettled } from "../canvas/helpers";
import { seriousViolations } from "../support/axe";
import { liveServerAndBrowser } from "../support/live";

/**
 * The app checked by axe-core in Debian's Chromium: the start page, the editor on a full template with every
 * side-panel tab, the help dialog, and the editor in English. Serious and critical violations fail the test and
 * are listed with the elements they concern.
 */

const env = liveServerAndBrowser();

async function openTemplate(page: Page, file: string) {
  const res = await fetch(`${env.server.url}/api/documents/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: fs.readFileSync(path.join("templates", file), "utf8"),
  });
  if (!res.ok) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  const link = (await res.json()) as { id: string; token: string };
  await page.goto(`${env.server.url}/d/${link.id}#t=${link.token}`);
  await page.locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
  await canvasSettled(page);
}

describe("accessibility (axe-core)", () => {
  // One long walk through the app with a dozen axe runs: on a loaded machine it needs more than the default minute.
  it("start page and editor have no serious or critical violations, in Japanese and in English", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => localStorage.setItem("nagare.user.name", "点検担当"));
    const page = await context.newPage();
    const found: string[] = [];

    await page.goto(`${env.server.url}/`);
    await page.getByTestId("template-gallery").locator("[data-template]").first().waitFor();
    found.push(...(await seriousViolations(page, "start")));
    // The check itself can fail: a nameless button put into the page is reported, then taken out again.
    await page.evaluate(() => {
      const b = document.createElement("button");
      b.id = "nameless";
      document.body.append(b);
    });
    expect((await seriousViolations(page, "probe")).join("\n")).toMatch(/button-name .*#nameless/);
    await page.evaluate(() => document.getElementById("nameless")?.remove());

    await openTemplate(page, "toyonaka-kodomo-iryohi.nagare.json");
    const tabs = await page.getByRole("tab").all();
    expect(tabs.length).toBeGreaterThanOrEqual(3);
    for (const tab of tabs) {
      await tab.click();
      const name = (await tab.getAttribute("data-testid")) ?? "tab";
      found.push(...(await seriousViolations(page, `editor ${name}`)));
    }
    await page.locator(".react-flow__node").first().click();
    found.push(...(await seriousViolations(page, "editor with a selected element")));
    // A review remark on it: the pin on the canvas and the thread in the panel.
    await page.keyboard.press("Shift+M");
    await page.getByTestId("review-text").fill("確認してください");
    await page.getByTestId("review-add").click();
    await page.getByTestId("comment-pin").first().waitFor();
    found.push(...(await seriousViolations(page, "review pin and thread")));
    // A remark on a 評価書 line from its 「指摘」 button: the count on the line.
    await page.getByTestId("tab-report").click();
    await page.getByTestId("report-comment").first().click();
    await page.getByTestId("review-text").fill("記載を確認してください");
    await page.getByTestId("review-add").click();
    await page.getByTestId("tab-report").click();
    await page.getByTestId("report-thread-marker").first().waitFor();
    found.push(...(await seriousViolations(page, "評価書 line with a remark")));

    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 10, y: 10 } });
    await page.keyboard.press("?");
    await page.getByRole("dialog").waitFor();
    found.push(...(await seriousViolations(page, "help dialog")));
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Auto layout" }).waitFor();
    found.push(...(await seriousViolations(page, "editor in English")));

    expect(found).toEqual([]);
    await context.close();
  }, 180_000);
});
