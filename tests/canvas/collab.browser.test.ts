import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";
import { canvasSettled, connect, dropFromPalette, model } from "./helpers";

/**
 * Two people on one shared document, each in their own browser context (so that only the server connects
 * them), plus a viewer with a read-only link: live edits, names and colours, cursors, selections, follow.
 */

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function open(url: string, name: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  if (name) {
    const dialog = page.getByRole("form");
    await dialog.locator("input").fill(name);
    await dialog.getByRole("button", { name: "決定" }).click();
  }
  await page.locator(".nagare-canvas").waitFor();
  await page.locator('[data-testid="status"]').filter({ hasText: "共同編集中" }).waitFor();
  return page;
}

describe("collaboration on the canvas", () => {
  it("shows each other's edits, names, cursors and selections; a viewer cannot edit", async () => {
    const created = await api<{ id: string; token: string }>("/api/documents", { title: "共同編集テスト" });
    const view = await api<{ token: string }>(`/api/documents/${created.id}/shares`, { role: "view" }, created.token);
    const link = `${server.url}/d/${created.id}#t=${created.token}`;

    const a = await open(link, "田中");
    const b = await open(link, "鈴木");

    // Both see both participants.
    await a.locator('[data-testid="participants"]').filter({ hasText: "鈴木" }).waitFor();
    await b.locator('[data-testid="participants"]').filter({ hasText: "田中" }).waitFor();

    // A adds an element; B sees it.
    await a.locator('[data-testid="palette-node:system_own"]').click();
    await a.locator(".label-editor textarea").fill("国民年金システム");
    await a.locator(".label-editor textarea").press("Enter");
    await b.locator('[data-testid="node-国民年金システム"]').waitFor();

    // B points at it and selects it: A sees B's cursor and B's outline on the element.
    const node = b.locator('[data-testid="node-国民年金システム"]');
    await node.hover();
    await a.locator(".remote-cursor").filter({ hasText: "鈴木" }).waitFor();
    await node.click();
    await a.locator(".remote-tag").filter({ hasText: "鈴木" }).waitFor();
    await a.screenshot({ path: "/tmp/canvas-presence.png" });

    // Selection never enters the shared document.
    const m = await model(a);
    expect(JSON.stringify(m)).not.toContain("selected");

    // A follows B's viewport.
    await a.locator('[data-testid="participants"] button', { hasText: "画面を追う" }).click();
    await b.getByRole("button", { name: "全体を表示" }).click();
    await canvasSettled(b);
    const transform = (p: Page) => p.locator(".react-flow__viewport").getAttribute("style");
    await expect.poll(() => transform(a), { timeout: 5000 }).toBe(await transform(b));

    // The viewer sees the drawing but no palette, and cannot add anything.
    const v = await open(`${server.url}/d/${created.id}#t=${view.token}&role=view`, "佐藤");
    await v.locator('[data-testid="node-国民年金システム"]').waitFor();
    expect(await v.locator(".palette").count()).toBe(0);
    await v.locator(".nagare-canvas .react-flow__pane").dblclick({ position: { x: 300, y: 300 } });
    // model() waits until the document and the model shown agree, so a node the double click added would be there.
    expect((await model(v))?.nodes).toHaveLength(1);
    await v.locator('[data-testid="node-国民年金システム"]').click();
    expect(await v.locator('[data-field="label"] input').isDisabled()).toBe(true);
  });

  it("a flow drawn offline to an element someone else deleted is reported and can be removed", async () => {
    const created = await api<{ id: string; token: string }>("/api/documents", { title: "オフライン" });
    const link = `${server.url}/d/${created.id}#t=${created.token}`;
    const a = await open(link, "田中");
    await dropFromPalette(a, "palette-node:store", 600, 250, "台帳");
    await dropFromPalette(a, "palette-node:terminal", 250, 250, "窓口端末");
    const b = await open(link, "鈴木");
    await b.locator('[data-testid="node-台帳"]').waitFor();

    // B goes offline and keeps drawing; the edit is kept in B's browser.
    await b.context().setOffline(true);
    await b.locator('[data-testid="status"]').filter({ hasText: "オフライン" }).waitFor({ timeout: 15_000 });
    await connect(b, "窓口端末", "台帳");
    // Meanwhile A deletes the target.
    await a.locator('[data-testid="node-台帳"]').click();
    await a.keyboard.press("Delete");
    await a.getByRole("dialog").getByRole("button", { name: "削除する" }).click();
    await expect.poll(async () => (await model(a))?.nodes.length).toBe(1);

    // Back online: the flow now points at nothing. Both see it reported; nobody's canvas breaks.
    await b.context().setOffline(false);
    await b.locator('[data-testid="status"]').filter({ hasText: "共同編集中" }).waitFor({ timeout: 20_000 });
    await a.locator('[data-testid="dropped"]').waitFor({ timeout: 10_000 });
    await b.locator('[data-testid="dropped"]').waitFor();
    expect(await a.locator('[data-testid="dropped"]').textContent()).toContain("始点または終点が削除された流れを除外");
    await b.screenshot({ path: "/tmp/canvas-dropped.png" });
    expect((await model(a))?.flows).toEqual([]);

    // Repair removes it from the shared document for everyone.
    await b.locator('[data-testid="dropped"]').getByRole("button", { name: "共有文書から取り除く" }).click();
    await a.locator('[data-testid="dropped"]').waitFor({ state: "detached", timeout: 10_000 });
    await b.locator('[data-testid="dropped"]').waitFor({ state: "detached" });
  });
});
