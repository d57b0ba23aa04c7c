import fs from "node:fs";
import JSZip from "jszip";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { serializeDocument } from "../../src/model";
import { build, f, n } from "../sections/build";
import { liveServerAndBrowser } from "../support/live";
import { canvasSettled, model } from "./helpers";

/**
 * 第三者点検 on the drawing: the owner's team and a reviewer with a 点検用リンク, each in their own browser
 * context (only the server connects them). The reviewer writes a remark on a flow; the team answers and
 * resolves it; each sees the other's change live on the pin and in the panel; the Word record lists it.
 */

const env = liveServerAndBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${env.server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function open(url: string, name: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  const dialog = page.getByRole("form");
  await dialog.locator("input").fill(name);
  await dialog.getByRole("button", { name: "決定" }).click();
  await page.locator(".nagare-canvas").waitFor();
  await page.locator('[data-testid="status"]').filter({ hasText: "共同編集中" }).waitFor();
  await canvasSettled(page);
  return page;
}

const pin = (p: Page) => p.locator('[data-testid="comment-pin"][data-target="a"]');

describe("review on the canvas", () => {
  it("a reviewer remarks on a flow, the team answers and resolves it, both live; the Word record lists it", async () => {
    const doc = build({
      meta: { jimuName: "子ども医療費の助成に関する事務" },
      nodes: [
        n("person", "person", "申請者", { position: { x: 60, y: 160 } }),
        n("staff", "staff", "窓口職員", { position: { x: 520, y: 160 } }),
      ],
      flows: [f("a", "person", "staff", { step: "①", sentence: "申請書を窓口に提出する。" })],
    });
    const created = await post<{ id: string; token: string }>("/api/documents/import", serializeDocument(doc));
    const owner = await open(`${env.server.url}/d/${created.id}#t=${created.token}&role=owner`, "担当課");

    // The owner makes the 点検用リンク in the share panel.
    await owner.getByTestId("tab-share").click();
    await owner.getByTestId("make-review-link").click();
    const link = (await owner.getByTestId("new-share-link").locator("code").textContent()) ?? "";
    expect(link).toContain("&role=review");
    const reviewer = await open(link, "委員A");
    await reviewer.getByTestId("review-badge").waitFor();
    expect(await reviewer.locator(".palette").count()).toBe(0);

    // The reviewer selects the flow and writes a remark on it (keyboard: Shift+M opens the form).
    const edge = reviewer.locator('[data-testid="edge-①"] path.react-flow__edge-path');
    const box = await edge.boundingBox();
    if (!box) throw new Error("the flow is not drawn");
    await reviewer.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await reviewer.keyboard.press("Shift+M");
    const panel = reviewer.getByTestId("comments-panel");
    await expect.poll(() => panel.getByTestId("review-selected").textContent()).toContain("流れ ①");
    await expect
      .poll(() => reviewer.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("review-text");
    await reviewer.keyboard.type("本人確認の方法を備考に書いてください");
    await panel.getByTestId("review-add").click();
    await pin(reviewer).waitFor();

    // The team sees the pin live, opens the thread from it, answers and resolves it.
    await pin(owner).waitFor({ timeout: 10_000 });
    expect(await pin(owner).getAttribute("data-open")).toBe("1");
    expect(await pin(owner).getAttribute("aria-label")).toContain("流れ ①");

    // Naming a version 公表版 shows the open remark (a warning: the save stays possible).
    await owner.getByTestId("tab-versions").click();
    await owner.getByTestId("version-name").fill("公表版");
    await expect.poll(() => owner.getByTestId("publish-warning").textContent()).toContain("1 件");
    expect(await owner.getByTestId("version-save").isEnabled()).toBe(true);

    // In the workshop the open remarks are presented one by one from the keyboard (Shift+P, Esc).
    await owner.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 20, y: 300 } });
    await owner.keyboard.press("Shift+P");
    const presenter = owner.getByTestId("review-presenter");
    await presenter.filter({ hasText: "本人確認の方法を備考に書いてください" }).waitFor();
    expect(await presenter.textContent()).toContain("1 / 1 件目");
    await owner.keyboard.press("Escape");
    await presenter.waitFor({ state: "detached" });
    await pin(owner).click();
    const ownerPanel = owner.getByTestId("comments-panel");
    const thread = ownerPanel.getByTestId("thread");
    await expect.poll(() => thread.count()).toBe(1);
    await thread.getByTestId("reply-text").fill("窓口で個人番号カードを確認し、備考に追記しました");
    await thread.getByTestId("reply-send").click();
    await thread.getByTestId("status-select").selectOption("resolved");
    await thread.getByTestId("status-save").click();

    // The reviewer sees the answer and the status live; the pin turns from open to done on both screens.
    const seen = panel.getByTestId("thread");
    await seen.getByTestId("reply").filter({ hasText: "個人番号カード" }).waitFor({ timeout: 10_000 });
    await expect.poll(() => seen.getAttribute("data-status"), { timeout: 10_000 }).toBe("resolved");
    await expect.poll(() => pin(reviewer).getAttribute("data-open")).toBe("0");
    await expect.poll(() => pin(owner).getAttribute("data-open")).toBe("0");
    // Nothing the reviewer did was refused: still connected, the drawing unchanged.
    expect(await reviewer.locator('[data-testid="status"]').textContent()).toContain("共同編集中");
    const m = await model(owner);
    expect(m?.flows.map((x) => x.id)).toEqual(["a"]);
    expect(m?.comments?.[0]).toMatchObject({
      author: "委員A",
      status: "resolved",
      statusBy: "担当課",
      target: { kind: "flow", id: "a" },
    });

    // The filters: 未対応 only hides it; the part 図（別添1） shows it.
    await panel.getByTestId("filter-status").selectOption("openOnly");
    await expect.poll(() => seen.count()).toBe(0);
    await panel.getByTestId("filter-status").selectOption("all");
    await panel.getByTestId("filter-section").selectOption("diagram");
    await expect.poll(() => seen.count()).toBe(1);

    // The record: 「第三者点検 指摘事項一覧」 as Word lists the thread with its answer and status.
    const [download] = await Promise.all([
      reviewer.waitForEvent("download"),
      panel.getByTestId("review-export-docx").click(),
    ]);
    expect(download.suggestedFilename()).toBe("子ども医療費の助成に関する事務_指摘事項一覧.docx");
    const file = await download.path();
    const xml = (await (await JSZip.loadAsync(fs.readFileSync(file))).file("word/document.xml")?.async("string")) ?? "";
    for (const s of [
      "第三者点検 指摘事項一覧",
      "本人確認の方法を備考に書いてください",
      "個人番号カード",
      "対応済み",
      "流れ ①",
    ])
      expect(xml).toContain(s);
    await owner.screenshot({ path: "/tmp/review-owner.png" });
  });
});
