import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";
import { canvasSettled, model } from "./helpers";

/**
 * Bends a person can move: on a selected flow, dragging a bend pins it (stored in the flow, synced to the
 * other participant, drawn there too), and undo takes it back for both.
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

/** Two systems with a third one between them: the flow goes around it, so its route has bends to drag. */
const DRAWING = {
  format: "nagare",
  schemaVersion: 3,
  title: "折れ点のテスト",
  meta: { organization: "テスト市長", jimuName: "折れ点の事務" },
  nodes: [
    { id: "a", kind: "system_own", label: "住民記録システム", position: { x: 0, y: 100 } },
    {
      id: "b",
      kind: "system_own",
      label: "中間のシステム",
      position: { x: 260, y: 40 },
      size: { width: 150, height: 180 },
    },
    { id: "c", kind: "system_own", label: "税務システム", position: { x: 540, y: 100 } },
  ],
  flows: [{ id: "f1", source: "a", target: "c", step: "①", carriesMyNumber: true }],
};

async function open(url: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  const dialog = page.getByRole("form");
  await dialog.locator("input").fill(name);
  await dialog.getByRole("button", { name: "決定" }).click();
  await page.locator('[data-testid="status"]').filter({ hasText: "共同編集中" }).waitFor();
  await page.locator('[data-testid="edge-①"]').waitFor();
  return page;
}

/** Whether a drawn flow path (M/L/Q with numbers) passes through a point: on one of its straight pieces. */
function passesThrough(d: string | null, p: { x: number; y: number }): boolean {
  const nums = [...(d ?? "").matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
  const pts: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) pts.push({ x: nums[i] as number, y: nums[i + 1] as number });
  return pts.some((a, i) => {
    const b = pts[i + 1];
    if (!b) return false;
    const inX = Math.min(a.x, b.x) - 0.5 <= p.x && p.x <= Math.max(a.x, b.x) + 0.5;
    const inY = Math.min(a.y, b.y) - 0.5 <= p.y && p.y <= Math.max(a.y, b.y) + 0.5;
    return inX && inY && (Math.abs(a.x - b.x) < 0.5 || Math.abs(a.y - b.y) < 0.5);
  });
}

const waypointsOf = async (page: Page) => (await model(page))?.flows.find((f) => f.id === "f1")?.waypoints ?? null;

describe("moving a bend of a flow", () => {
  it("pins the bend where it is dropped, for both participants, and undo takes it back", async () => {
    const res = await fetch(`${server.url}/api/documents/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(DRAWING),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; token: string };
    const link = `${server.url}/d/${created.id}#t=${created.token}`;
    const a = await open(link, "田中");
    const b = await open(link, "鈴木");

    // The automatic route goes around the middle box: none of its points is inside it.
    const path = a.locator('[data-testid="edge-①"] path.react-flow__edge-path');
    await expect.poll(async () => (await path.getAttribute("d"))?.includes("Q")).toBe(true);

    // Select the flow by its step label; its bends show as handles.
    await canvasSettled(a);
    // (A click event: the end of a flow carries React Flow's invisible reconnect handle, right by the label.)
    await a.locator('[data-testid="edge-①"] .edge-step').dispatchEvent("click");
    const handle = a.locator('[data-testid="bend-f1-1"]');
    await handle.waitFor();
    const hb = await handle.boundingBox();
    if (!hb) throw new Error("no handle");
    const from = { x: hb.x + hb.width / 2, y: hb.y + hb.height / 2 };
    await a.mouse.move(from.x, from.y);
    await a.mouse.down();
    await a.mouse.move(from.x + 20, from.y + 40, { steps: 5 });
    await a.mouse.move(from.x + 30, from.y + 60, { steps: 5 });
    await a.mouse.up();

    // Stored in the flow, once, as one pinned bend; the other participant gets it and draws the route through it.
    await expect.poll(() => waypointsOf(a)).toHaveLength(1);
    const pinned = (await waypointsOf(a))?.[0];
    if (!pinned) throw new Error("no waypoint");
    await expect.poll(() => waypointsOf(b)).toEqual([pinned]);
    const dB = b.locator('[data-testid="edge-①"] path.react-flow__edge-path');
    await expect.poll(async () => passesThrough(await dB.getAttribute("d"), pinned)).toBe(true);
    // A shows the bend as pinned.
    await a.locator('[data-testid="bend-pinned-f1-0"]').waitFor();

    // Undo: back to automatic routing, for both.
    await a.keyboard.press("Control+z");
    await expect.poll(() => waypointsOf(a)).toBeNull();
    await expect.poll(() => waypointsOf(b)).toBeNull();
    await expect.poll(async () => passesThrough(await dB.getAttribute("d"), pinned)).toBe(false);
  });
});
