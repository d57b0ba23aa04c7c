import { describe, expect, it } from "vitest";
import { dropFromPalette, field, model, openLocalEditor } from "../canvas/helpers";
import { liveServerAndBrowser } from "../support/live";

/**
 * A 担当者 records the 提供先 behind one drawn box: pastes the list from Excel into the provision record in the
 * inspector; a paste with a problem changes nothing and says where.
 */

const env = liveServerAndBrowser();

describe("提供先・移転先 list in the inspector", () => {
  it("pastes a table from Excel, refuses a broken one with its row and column, edits a row", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1500, height: 900 });

    const list = page.locator('[data-testid="list-provisions"]');
    await list.locator("button", { hasText: "追加" }).click();
    await list.locator("details summary").first().click();
    const m0 = await model(page);
    const id = m0?.provisions[0]?.id as string;
    expect(id).toBeTruthy();
    const box = page.locator(`[data-testid="recipients-${id}"]`);
    await box.waitFor();

    // A row without a name: refused, nothing written, the place named.
    const paste = page.locator(`[data-testid="recipients-paste-${id}"]`);
    await paste.fill("A市長\t番号法第19条第8号\n\t根拠だけ");
    await box.locator("button", { hasText: "一覧を置き換える" }).click();
    await box.locator('[role="alert"]', { hasText: "2行目 1列目" }).waitFor();
    expect((await model(page))?.provisions[0]?.recipients).toEqual([]);

    await paste.fill("提供先\t時期・頻度\nA市長\t照会の都度\nB県知事\t随時");
    await box.locator("button", { hasText: "一覧を置き換える" }).click();
    await box.locator('[role="status"]', { hasText: "2 行を取り込みました" }).waitFor();
    expect((await model(page))?.provisions[0]?.recipients).toEqual([
      { name: "A市長", timing: "照会の都度" },
      { name: "B県知事", timing: "随時" },
    ]);

    // One cell edited in place.
    const cell = box.getByLabel("提供先・移転先 2");
    await cell.fill("B県知事（教育委員会）");
    await cell.blur();
    await expect
      .poll(async () => (await model(page))?.provisions[0]?.recipients[1]?.name)
      .toBe("B県知事（教育委員会）");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("deleting the last 委託先 of a 委託事項 asks whether to keep the 委託事項, and deletes both in one step", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1500, height: 900 });
    await page.locator('[data-testid="list-delegations"]').locator("button", { hasText: "追加" }).click();
    await expect.poll(async () => (await model(page))?.delegations.length).toBe(1);
    const delegationId = (await model(page))?.delegations[0]?.id as string;

    await dropFromPalette(page, "palette-node:contractor", 400, 200, "保守業者");
    await page.locator('[data-testid="node-保守業者"]').click();
    await field(page, "delegationId").locator("select").selectOption(delegationId);
    await expect.poll(async () => (await model(page))?.nodes[0]?.delegationId).toBe(delegationId);

    await page.locator('[data-testid="node-保守業者"]').click();
    await page.keyboard.press("Delete");
    const dialog = page.getByRole("dialog");
    const choice = dialog.locator(`[data-testid="delete-delegation-${delegationId}"]`);
    await choice.waitFor();
    await choice.getByLabel(/委託事項も削除する/).check();
    await dialog.getByRole("button", { name: "削除する" }).click();
    await expect.poll(async () => (await model(page))?.nodes.length).toBe(0);
    expect((await model(page))?.delegations).toEqual([]);
    // One undo brings back both the 委託先 and its 委託事項.
    await page.keyboard.press("Control+z");
    await expect.poll(async () => (await model(page))?.nodes.length).toBe(1);
    expect((await model(page))?.delegations.map((d) => d.id)).toEqual([delegationId]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
