import fs from "node:fs";
import JSZip from "jszip";
import type { BrowserContext, Download, Page } from "playwright-core";
import { afterAll, describe, expect, it, vi } from "vitest";
import { serializeDocument } from "../../src/model";
import { jimu } from "../sections/changes-fixture";
import { api } from "../server/support";
import { liveServerAndBrowser } from "../support/live";
import { canvasSettled, model } from "./helpers";

vi.setConfig({ testTimeout: 180_000 });

/**
 * 第三者点検 on a 評価書 line: a reviewer (点検用リンク) presses 「指摘」 on a Ⅱ line from the keyboard and writes
 * the remark in the form it opens; the team's screen counts it on the same line live, the count opens the
 * thread and the thread leads back to the line; a view link sees the count but no 「指摘」; the record (CSV
 * and Word) names the 項目 as the 対象.
 */
const env = liveServerAndBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});

async function open(url: string, name: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1500, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  await context.addInitScript((n) => localStorage.setItem("nagare.user.name", n), name);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="status"]').filter({ hasText: "共同編集中" }).waitFor();
  await canvasSettled(page);
  await page.getByTestId("tab-report").click();
  return page;
}

const ITEM = "II.file:F.3.2";
const line = (p: Page) => p.getByTestId("report-panel").locator(`[data-item="${ITEM}"]`);
const marker = (p: Page) => line(p).getByTestId("report-thread-marker");
const saved = async (p: Page, testId: string): Promise<Download> => {
  const [d] = await Promise.all([p.waitForEvent("download"), p.getByTestId(testId).click()]);
  return d;
};

describe("review remarks on a 評価書 line", () => {
  it("a reviewer remarks on Ⅱ-3-②, the team sees the count live and opens the thread, the record names the 項目", async () => {
    const url = env.server.url;
    const imported = await api(url, "/api/documents/import", { raw: serializeDocument(jimu()) });
    const { id, token } = imported.body as { id: string; token: string };
    const link = async (role: "review" | "view") => {
      const r = await api(url, `/api/documents/${id}/shares`, { token, body: { role, label: role } });
      expect(r.status).toBe(201);
      return `${url}/d/${id}#t=${r.body.token}&role=${role}`;
    };
    const owner = await open(`${url}/d/${id}#t=${token}&role=owner`, "担当課");
    const reviewer = await open(await link("review"), "委員A");
    const viewer = await open(await link("view"), "閲覧者");
    await reviewer.getByTestId("review-badge").waitFor();

    // Every line offers 「指摘」 to the reviewer (who cannot edit the answers), none to the view link.
    await line(reviewer).waitFor();
    expect(await line(reviewer).getByTestId("report-edit").count()).toBe(0);
    const button = line(reviewer).getByTestId("report-comment");
    expect(await button.getAttribute("aria-label")).toBe("指摘: Ⅱ-3-② 入手方法");
    await line(viewer).waitFor();
    expect(await viewer.getByTestId("report-comment").count()).toBe(0);
    expect(await owner.getByTestId("report-comment").count()).toBeGreaterThan(10);

    // From the keyboard: the button takes the focus, Enter opens the form on the item with the text field focused.
    await button.focus();
    await reviewer.keyboard.press("Enter");
    const form = reviewer.getByTestId("new-thread");
    await expect.poll(() => form.getByTestId("review-item").inputValue()).toBe(ITEM);
    expect(await form.getByTestId("review-item").locator("option:checked").textContent()).toBe("Ⅱ-3-② 入手方法");
    await expect
      .poll(() => reviewer.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("review-text");
    await reviewer.keyboard.type("オンライン申請の本人確認の方法を記載してください");
    await form.getByTestId("review-add").click();
    await reviewer.getByTestId("thread").waitFor();

    // The team's 評価書 panel counts it on the line, live; so does the view link's.
    await expect.poll(() => marker(owner).getAttribute("data-count"), { timeout: 10_000 }).toBe("1");
    expect(await marker(owner).getAttribute("data-open")).toBe("1");
    expect(await marker(owner).getAttribute("aria-label")).toBe("指摘 1 件（未対応・対応中 1 件）: Ⅱ-3-② 入手方法");
    await expect.poll(() => marker(viewer).getAttribute("data-count"), { timeout: 10_000 }).toBe("1");
    // Only that line: no other line has a count.
    expect(await owner.getByTestId("report-panel").getByTestId("report-thread-marker").count()).toBe(1);
    const m = await model(owner);
    expect(m?.comments?.[0]?.target).toEqual({ kind: "item", id: ITEM, label: "Ⅱ-3-② 入手方法" });

    // The count opens the thread in 点検の指摘, filtered to the item; the thread leads back to the line.
    await marker(owner).click();
    const panel = owner.getByTestId("comments-panel");
    await expect.poll(() => panel.getByTestId("thread").count()).toBe(1);
    expect(await panel.textContent()).toContain("この対象の指摘だけ: 評価書 Ⅱ-3-② 入手方法");
    expect(await panel.getByTestId("thread").textContent()).toContain("オンライン申請の本人確認の方法");
    await panel.getByTestId("thread-jump").click();
    await expect.poll(() => line(owner).getAttribute("class")).toContain("rp-shown");

    // The record names the 項目 as the 対象: CSV and Word.
    await reviewer.getByTestId("tab-comments").click();
    const csv = fs.readFileSync(await (await saved(reviewer, "review-export-csv")).path(), "utf8");
    const row = csv.split("\r\n")[1]?.split(",");
    expect(row?.slice(0, 2)).toEqual(["1", "評価書 Ⅱ-3-② 入手方法"]);
    const docx = await saved(reviewer, "review-export-docx");
    const xml =
      (await (await JSZip.loadAsync(fs.readFileSync(await docx.path()))).file("word/document.xml")?.async("string")) ??
      "";
    expect(xml).toContain("評価書 Ⅱ-3-② 入手方法");

    // In English the line's button and the record's controls speak English; the record itself stays in the 様式's words.
    await owner.getByRole("button", { name: "English" }).click();
    await owner.getByTestId("tab-report").click();
    expect(await line(owner).getByTestId("report-comment").textContent()).toBe("Remark");
    expect(await marker(owner).getAttribute("aria-label")).toBe("1 remarks (1 open or in progress): Ⅱ-3-② 入手方法");
    await owner.getByTestId("tab-comments").click();
    expect(await owner.getByTestId("review-export-docx").textContent()).toBe("Review record (Word)");
    expect(await owner.getByTestId("review-export-csv").textContent()).toBe("Review record (CSV)");
    const english = fs.readFileSync(await (await saved(owner, "review-export-csv")).path(), "utf8");
    expect(english.split("\r\n")[1]).toContain("評価書 Ⅱ-3-② 入手方法");
    await expect
      .poll(() => owner.getByTestId("comments-panel").locator('[role="status"]').first().textContent())
      .toMatch(/^Saved .*_指摘事項一覧\.csv$/);
  });
});
