import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { NagareDocument } from "../../src/model";
import { liveServerAndBrowser } from "../support/live";
import { connect, dropFromPalette, field, model, openLocalEditor } from "./helpers";

/**
 * A staff member draws a small 事務 in /local (no collaboration server needed): lanes, elements from the
 * palette, flows, transport and legal basis in the inspector, auto layout, undo, reload.
 */

const env = liveServerAndBrowser();

async function canvasBox(page: Page) {
  const box = await page.locator(".nagare-canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  return box;
}

async function rename(page: Page, from: string, to: string) {
  await page.locator(`[data-testid="node-${from}"]`).dblclick();
  const editor = page.locator(".label-editor textarea");
  await editor.fill(to);
  await editor.press("Enter");
  await page.locator(`[data-testid="node-${to}"]`).waitFor();
}

describe("drawing a 事務 in the browser", () => {
  it("palette, connect, inspector, layout, undo, reload", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1500, height: 900 });
    await canvasBox(page);

    // Two lanes, then elements dropped into them.
    await dropFromPalette(page, "palette-lane:subject", 160, 100);
    await dropFromPalette(page, "palette-lane:self", 520, 100);
    await dropFromPalette(page, "palette-node:person", 160, 200);
    await dropFromPalette(page, "palette-node:system_own", 520, 200);
    await dropFromPalette(page, "palette-node:store", 520, 420);
    await rename(page, "本人・代理人", "住民");
    await rename(page, "自組織のシステム", "住宅管理システム");
    await rename(page, "ファイル・データベース", "入居者DB");

    let m = await model(page);
    expect(m?.groups.map((g) => g.laneKind).sort()).toEqual(["self", "subject"]);
    const lane = (kind: string) => m?.groups.find((g) => g.laneKind === kind)?.id;
    const byLabel = (doc: NagareDocument | null, label: string) => doc?.nodes.find((n) => n.label === label);
    expect(byLabel(m, "住民")?.groupId).toBe(lane("subject"));
    expect(byLabel(m, "住宅管理システム")?.groupId).toBe(lane("self"));

    // A flow with its transport, My Number status, step and legal basis set in the inspector.
    await connect(page, "住民", "住宅管理システム");
    await field(page, "transport").locator("select").selectOption("post");
    await field(page, "carriesMyNumber").locator("select").selectOption("yes");
    await field(page, "step").locator("input").fill("①");
    await field(page, "sentence").locator("textarea").fill("住民が申請書を郵送で提出する");
    await page.getByRole("button", { name: "根拠を追加" }).click();
    await page.locator('[data-testid="legal-row"] input[aria-label="条"]').fill("9");
    await page.locator('[data-testid="legal-row"] input[aria-label="項"]').fill("1");
    await page.locator('[data-testid="legal-row"] input[aria-label="別表の項"]').fill("19");
    await page.locator('[data-testid="phase-box"]').waitFor();

    // An invalid step label is refused with a visible message and not saved.
    await connect(page, "住宅管理システム", "入居者DB");
    await field(page, "step").locator("input").fill("abc!");
    await expect.poll(() => field(page, "step").locator(".field-error").textContent()).toContain("手順番号");
    await field(page, "step").locator("input").fill("②");

    m = await model(page);
    expect(m?.flows).toHaveLength(2);
    const f1 = m?.flows.find((f) => f.step === "①");
    expect(f1).toMatchObject({
      transport: "post",
      carriesMyNumber: true,
      sentence: "住民が申請書を郵送で提出する",
      legalBasis: [{ law: "mynumber_act", article: "9", paragraph: 1, tableRow: "19" }],
    });
    expect(m?.flows.find((f) => f.step === "②")).toBeTruthy();
    expect(m?.flows.some((f) => f.step === "abc!")).toBe(false);

    // The edge shows its step label and transport badge on the canvas.
    await expect.poll(() => page.locator(".edge-step").allTextContents()).toEqual(expect.arrayContaining(["①", "②"]));
    await expect.poll(() => page.locator('[data-testid="edge-①"] .edge-badge text').first().textContent()).toBe("郵送");
    await page.keyboard.press("Escape");
    await page.locator('[data-testid="view-menu"] summary').click();
    await page.getByRole("checkbox", { name: "凡例" }).check();
    await page.screenshot({ path: "/tmp/canvas-drawn.png" });

    // Auto layout is one undo step.
    const before = (await model(page))?.nodes.map((n) => [n.id, n.position]);
    await page.getByRole("button", { name: "自動レイアウト" }).click();
    await page.getByText("自動レイアウトしました").waitFor();
    const laidOut = await model(page);
    expect(laidOut?.nodes.map((n) => [n.id, n.position])).not.toEqual(before);
    // Lanes are kept: the person stays inside the 本人 lane's column, the systems in 自組織.
    const laneRect = (kind: string) => laidOut?.groups.find((g) => g.laneKind === kind);
    const inside = (label: string, kind: string) => {
      const n = byLabel(laidOut, label);
      const l = laneRect(kind);
      return !!n && !!l && n.position.x >= l.position.x && n.position.x <= l.position.x + l.size.width;
    };
    expect(inside("住民", "subject")).toBe(true);
    expect(inside("住宅管理システム", "self")).toBe(true);
    expect(inside("入居者DB", "self")).toBe(true);
    await page.screenshot({ path: "/tmp/canvas-layout.png" });
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+z");
    await expect.poll(async () => (await model(page))?.nodes.map((n) => [n.id, n.position])).toEqual(before);
    await page.keyboard.press("Control+Shift+z");
    await expect
      .poll(async () => (await model(page))?.nodes.map((n) => [n.id, n.position]))
      .toEqual(laidOut?.nodes.map((n) => [n.id, n.position]));

    // Reload: everything is still there (IndexedDB).
    const saved = await model(page);
    await page.reload();
    await page.locator('[data-testid="node-住民"]').waitFor();
    expect(await model(page)).toEqual(saved);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses bad input with a visible message and keeps the document valid", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/local`);
    await page.locator(".nagare-canvas").waitFor();
    await dropFromPalette(page, "palette-node:terminal", 300, 200);
    await dropFromPalette(page, "palette-node:paper", 600, 200);
    const initial = await model(page);
    expect(initial?.nodes).toHaveLength(2);

    // Pasting garbage.
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 50, y: 50 } });
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData("text/plain", "これは図形ではありません");
      document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true }));
    });
    await page.getByText("貼り付けできません").waitFor();
    expect((await model(page))?.nodes).toHaveLength(2);

    // A 10,000-character label.
    await page.locator('[data-testid="node-端末"]').first().dblclick();
    await page.locator(".label-editor textarea").fill("あ".repeat(10_000));
    await page.locator(".label-editor-error").waitFor();
    await page.locator(".label-editor textarea").press("Enter");
    await page.getByText("ラベルは 300 文字以内").first().waitFor();
    await page.locator(".label-editor textarea").press("Escape");
    expect((await model(page))?.nodes.map((n) => n.label).sort()).toEqual(["端末", "紙"]);

    // Copy and paste of real elements works.
    await page.locator('[data-testid="node-端末"]').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent("copy", { clipboardData: dt, bubbles: true }));
      (window as unknown as { __clip: string }).__clip = dt.getData("text/plain");
    });
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData("text/plain", (window as unknown as { __clip: string }).__clip);
      document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true }));
    });
    await expect.poll(async () => (await model(page))?.nodes.length).toBe(3);

    // Delete asks first and lists the flows that go with the node.
    await connect(page, "紙", "端末");
    await page.locator('[data-testid="node-紙"]').click();
    await page.keyboard.press("Delete");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("紙 → 端末");
    await page.screenshot({ path: "/tmp/canvas-delete.png" });
    await dialog.getByRole("button", { name: "削除する" }).click();
    await expect.poll(async () => (await model(page))?.flows.length).toBe(0);
    expect((await model(page))?.nodes.map((n) => n.label).sort()).toEqual(["端末", "端末"]);
    await context.close();
  });

  it("備考 panel, renumbering, walk-through, search, double-click and the English switch", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/local`);
    await page.locator(".nagare-canvas").waitFor();

    // Double-click on the canvas adds the kind chosen in the palette, with its name ready to type.
    await page.locator('[data-testid="palette-node:staff"]').click();
    await page.locator(".label-editor textarea").fill("担当職員");
    await page.locator(".label-editor textarea").press("Enter");
    await page
      .locator('[data-testid="palette-node:terminal"]')
      .dragTo(page.locator(".nagare-canvas .react-flow__pane"), {
        targetPosition: { x: 120, y: 120 },
      });
    await page.locator(".label-editor textarea").fill("業務端末");
    await page.locator(".label-editor textarea").press("Enter");
    await page.locator(".nagare-canvas .react-flow__pane").dblclick({ position: { x: 700, y: 420 } });
    await page.locator(".label-editor textarea").fill("宛名システム");
    await page.locator(".label-editor textarea").press("Enter");
    const m0 = await model(page);
    expect(m0?.nodes.find((n) => n.label === "宛名システム")?.kind).toBe("terminal");

    await connect(page, "業務端末", "宛名システム");
    await field(page, "step").locator("input").fill("⑤");
    await connect(page, "担当職員", "業務端末");
    await field(page, "step").locator("input").fill("③");
    await field(page, "sentence").locator("textarea").fill("職員が端末で入力する");

    // 備考: steps in order, editable, clicking one selects its flow.
    await page.locator('[data-testid="tab-steps"]').click();
    const rows = page.locator('[data-testid="steps-list"] .step-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator("input").inputValue()).toBe("③");
    expect(await rows.nth(0).locator("textarea").inputValue()).toBe("職員が端末で入力する");
    await rows.nth(1).locator("textarea").fill("端末から宛名システムへ送る");
    await rows.nth(1).locator("input").fill("x?");
    await rows.nth(1).locator(".field-error").waitFor();
    await rows.nth(1).locator("input").fill("⑤");

    // Renumber: ③ ⑤ become ① ②, as one undo step.
    await page.getByRole("button", { name: "番号を振り直す" }).click();
    await expect.poll(async () => (await model(page))?.flows.map((f) => f.step).sort()).toEqual(["①", "②"]);
    await page.getByRole("button", { name: "元に戻す" }).click();
    await expect.poll(async () => (await model(page))?.flows.map((f) => f.step).sort()).toEqual(["③", "⑤"]);
    await page.getByRole("button", { name: "やり直す" }).click();
    await expect.poll(async () => (await model(page))?.flows.map((f) => f.step).sort()).toEqual(["①", "②"]);
    expect((await model(page))?.flows.find((f) => f.step === "②")?.sentence).toBe("端末から宛名システムへ送る");
    await rows.nth(1).locator(".step-ends").click();
    await page.locator('[data-testid="inspector-flow"]').filter({ hasText: "②" }).waitFor();

    // Walk-through: the sentence of each step, large, with its edge highlighted.
    await page.getByRole("button", { name: "順に説明" }).click();
    const walk = page.locator('[data-testid="walkthrough"]');
    await walk.filter({ hasText: "職員が端末で入力する" }).waitFor();
    // The dimming is drawn after the step's text appears: wait for it rather than read it once.
    await expect.poll(() => page.locator(".kind-node.is-dim").count()).toBe(1);
    await page.keyboard.press("ArrowRight");
    await walk.filter({ hasText: "端末から宛名システムへ送る" }).waitFor();
    await page.screenshot({ path: "/tmp/canvas-walkthrough.png" });
    await page.keyboard.press("Escape");
    await walk.waitFor({ state: "detached" });

    // Search by label selects and centres the match.
    await page.keyboard.press("Control+f");
    await page.keyboard.type("宛名");
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="inspector-node"]').filter({ hasText: "宛名システム" }).waitFor();

    // Several flows at once: select everything, set the transport for all flows in one step.
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 10, y: 10 } });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+a");
    await page.locator('[data-testid="inspector-multi"] #bulk-transport').selectOption("lgwan");
    await expect.poll(async () => (await model(page))?.flows.map((f) => f.transport)).toEqual(["lgwan", "lgwan"]);

    // Help lists the shortcuts; English switch changes the whole editor.
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 10, y: 10 } });
    await page.keyboard.press("?");
    await page.getByRole("dialog").filter({ hasText: "Ctrl+Z" }).waitFor();
    await page.getByRole("button", { name: "閉じる" }).click();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Auto layout" }).waitFor();
    await page.getByRole("button", { name: "Renumber steps" }).waitFor();
    expect(await page.locator(".palette").textContent()).toContain("Terminal");
    await page.screenshot({ path: "/tmp/canvas-english.png" });
    await context.close();
  });

  it("groups resize; findings colour the canvas and the risk view dims what is safe", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/local`);
    await page.locator(".nagare-canvas").waitFor();
    await dropFromPalette(page, "palette-boundary:intranet", 420, 300);
    const before = (await model(page))?.groups[0]?.size;
    await page.locator('[data-testid="group-庁内ネットワーク"] .group-header').click();
    const handle = page.locator(".react-flow__node-container .react-flow__resize-control.handle.bottom.right");
    const hb = await handle.boundingBox();
    if (!hb) throw new Error("no resize handle");
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb.x + 120, hb.y + 80, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => (await model(page))?.groups[0]?.size.width)
      .toBeGreaterThan((before?.width ?? 0) + 80);

    // Dragging an element into the boundary makes it a member; dragging it out clears that; undo restores.
    await dropFromPalette(page, "palette-node:system_own", 770, 90, "宛名システム");
    const node = page.locator('[data-testid="node-宛名システム"]');
    const groupBox = await page.locator('[data-testid="group-庁内ネットワーク"]').boundingBox();
    const nb = await node.boundingBox();
    if (!groupBox || !nb) throw new Error("boxes");
    const dragTo = async (x: number, y: number) => {
      const b = await node.boundingBox();
      if (!b) throw new Error("node");
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(x, y, { steps: 12 });
      await page.mouse.up();
    };
    const groupOf = async () => (await model(page))?.nodes.find((n) => n.label === "宛名システム")?.groupId;
    const groupId = (await model(page))?.groups[0]?.id;
    await dragTo(groupBox.x + groupBox.width / 2, groupBox.y + groupBox.height / 2);
    await expect.poll(groupOf).toBe(groupId);
    await page.getByText("の所属を「庁内ネットワーク」にしました").first().waitFor();
    const inside = (await model(page))?.nodes.find((n) => n.label === "宛名システム")?.position;
    await dragTo(nb.x + nb.width / 2, nb.y + nb.height / 2);
    await expect.poll(groupOf).toBeUndefined();
    await page.keyboard.press("Control+z");
    await expect.poll(groupOf).toBe(groupId);
    expect((await model(page))?.nodes.find((n) => n.label === "宛名システム")?.position).toEqual(inside);

    // A flow of My Number data on a USB stick: the findings engine marks it, the canvas colours it.
    await dropFromPalette(page, "palette-node:staff", 150, 620);
    await dropFromPalette(page, "palette-node:terminal", 520, 620);
    await connect(page, "職員", "端末");
    await field(page, "transport").locator("select").selectOption("flash_memory");
    await field(page, "carriesMyNumber").locator("select").selectOption("yes");
    const path = page.locator(".flow-edge .react-flow__edge-path").first();
    await expect
      .poll(() => path.evaluate((el) => getComputedStyle(el).stroke), { timeout: 5000 })
      .toBe("rgb(201, 42, 42)");
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 10, y: 10 } });
    await page.getByRole("checkbox", { name: "リスク表示" }).check();
    await expect.poll(() => page.locator(".flow-edge.is-dim").count()).toBe(0);
    await page.screenshot({ path: "/tmp/canvas-risk.png" });
    await context.close();
  });
});
