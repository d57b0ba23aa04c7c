import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { NagareDocument } from "../../src/model";
import { liveServerAndBrowser } from "../support/live";
import { canvasSettled, dropFromPalette, field, model } from "./helpers";

/** Connecting as in a drawing tool: a drop anywhere on the target's body, and the keyboard alone. */

const env = liveServerAndBrowser();

const ends = (doc: NagareDocument | null) => {
  const label = (id: string) => doc?.nodes.find((n) => n.id === id)?.label;
  return (doc?.flows ?? []).map((f) => `${label(f.source)}→${label(f.target)}`).sort();
};

async function setUp(page: Page) {
  await page.goto(`${env.server.url}/local`);
  await page.locator(".nagare-canvas").waitFor();
  await dropFromPalette(page, "palette-node:staff", 150, 150, "窓口職員");
  await dropFromPalette(page, "palette-node:system_own", 520, 150, "宛名システム");
  await dropFromPalette(page, "palette-node:store", 520, 420, "宛名DB");
}

describe("connecting", () => {
  it("a connection dropped on the middle of an element's body connects to it", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await setUp(page);
    const handle = page.locator('.react-flow__node:has([data-testid="node-窓口職員"]) [data-handleid="s-r"]');
    await canvasSettled(page);
    await page.locator('[data-testid="node-窓口職員"]').hover();
    const hb = await handle.boundingBox();
    const target = await page.locator('[data-testid="node-宛名システム"]').boundingBox();
    if (!hb || !target) throw new Error("boxes");
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    // The middle of the body, well away from any handle.
    const mid = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
    await page.mouse.move(mid.x - 30, mid.y, { steps: 8 });
    await page.mouse.move(mid.x, mid.y, { steps: 4 });
    await page.mouse.up();
    await page.locator('[data-testid="inspector-flow"]').waitFor();
    expect(ends(await model(page))).toEqual(["窓口職員→宛名システム"]);

    // Its end is re-attached from the inspector, and it can be turned around.
    await field(page, "ends-target").locator("select").selectOption({ label: "宛名DB" });
    await expect.poll(async () => ends(await model(page))).toEqual(["窓口職員→宛名DB"]);
    await page.getByRole("button", { name: "向きを反対にする" }).click();
    await expect.poll(async () => ends(await model(page))).toEqual(["宛名DB→窓口職員"]);
    await context.close();
  });

  it("a flow is drawn with the keyboard alone", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await setUp(page);
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 10, y: 10 } });
    // Find the source, go back to the canvas, open the chooser, pick the nearest-but-one target, draw.
    await page.keyboard.press("Control+f");
    await page.keyboard.type("窓口");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await page.locator('[data-testid="inspector-node"]').filter({ hasText: "窓口職員" }).waitFor();
    await page.keyboard.press("Shift+C");
    const chooser = page.locator('[data-testid="flow-target"]');
    await chooser.waitFor();
    // Nearest first: 宛名システム, then 宛名DB.
    expect(await chooser.getByRole("option").allTextContents()).toEqual([
      expect.stringContaining("宛名システム"),
      expect.stringContaining("宛名DB"),
    ]);
    await page.keyboard.press("ArrowDown");
    expect(await chooser.locator('[aria-selected="true"]').textContent()).toContain("宛名DB");
    await page.keyboard.press("Enter");
    await chooser.waitFor({ state: "detached" });
    await expect.poll(async () => ends(await model(page))).toEqual(["窓口職員→宛名DB"]);
    await page.locator('[data-testid="inspector-flow"]').waitFor();

    // The new flow is selected: Shift+X turns it around, Ctrl+Z undoes that.
    await page.keyboard.press("Shift+X");
    await expect.poll(async () => ends(await model(page))).toEqual(["宛名DB→窓口職員"]);
    await page.keyboard.press("Control+z");
    await expect.poll(async () => ends(await model(page))).toEqual(["窓口職員→宛名DB"]);

    // Typing narrows the list; Esc closes without drawing.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+f");
    await page.keyboard.type("宛名DB");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+C");
    await chooser.waitFor();
    await page.keyboard.type("システム");
    expect(await chooser.getByRole("option").count()).toBe(1);
    await page.keyboard.press("Escape");
    await chooser.waitFor({ state: "detached" });
    expect((await model(page))?.flows).toHaveLength(1);
    await context.close();
  });
});
