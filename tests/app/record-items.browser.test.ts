import { describe, expect, it } from "vitest";
import { model, openLocalEditor } from "../canvas/helpers";
import { liveServerAndBrowser } from "../support/live";

/**
 * A 担当者 lists every record item of a file (別添 記録項目): pastes the list, a line with an unknown category
 * changes nothing and says which line, a category is changed in place, and the 評価書 prints the list.
 */
const env = liveServerAndBrowser();

describe("record items of a file in the inspector", () => {
  it("pastes items with and without a category, refuses an unknown category, and the 評価書 lists them", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1500, height: 900 });

    const list = page.locator('[data-testid="list-files"]');
    await list.locator("button", { hasText: "追加" }).click();
    await list.locator("details summary").first().click();
    const id = (await model(page))?.files[0]?.id as string;
    expect(id).toBeTruthy();
    const box = page.locator(`[data-testid="record-items-${id}"]`);
    await box.waitFor();
    const paste = page.locator(`[data-testid="record-items-paste-${id}"]`);

    await paste.fill("個人番号\t個人番号\n好きな色\t趣味");
    await box.locator("button", { hasText: "追加する" }).click();
    await box.locator('[role="status"]', { hasText: "2 行目" }).waitFor();
    expect((await model(page))?.files[0]?.allRecordItems ?? []).toEqual([]);

    await box.getByLabel("分類のない行の分類").selectOption("4情報（氏名、性別、生年月日、住所）");
    await paste.fill("個人番号\t個人番号\n氏名\n住所");
    await box.locator("button", { hasText: "追加する" }).click();
    await box.locator('[role="status"]', { hasText: "3 項目を追加しました" }).waitFor();
    await box.getByLabel("分類 3").selectOption("その他住民票関係情報");
    await expect
      .poll(async () => (await model(page))?.files[0]?.allRecordItems)
      .toEqual([
        { name: "個人番号", category: "個人番号" },
        { name: "氏名", category: "4情報（氏名、性別、生年月日、住所）" },
        { name: "住所", category: "その他住民票関係情報" },
      ]);

    await page.getByTestId("tab-report").click();
    const appendix = page.getByTestId("report-panel").locator("[data-item='A2.1']");
    await expect.poll(() => appendix.textContent()).toContain("1. 個人番号（個人番号）");
    await expect.poll(() => appendix.textContent()).toContain("3. 住所（その他住民票関係情報）");
    expect(errors).toEqual([]);
    await context.close();
  });
});
