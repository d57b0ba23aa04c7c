import type { Browser, BrowserContext, Page } from "playwright-core";
import type { DebugHook } from "../../src/app/editor/hooks";
import type { NagareDocument } from "../../src/model";

/**
 * The model as the editor holds it, read through the read-only debug hook (src/app/editor/hooks.ts) once it
 * has settled: every change made so far written to the document and read back into the model shown.
 */
export async function model(page: Page): Promise<NagareDocument | null> {
  await page.waitForFunction(() => (window as unknown as { __nagare?: DebugHook }).__nagare?.settled() === true);
  return page.evaluate(() => (window as unknown as { __nagare?: DebugHook }).__nagare?.model() ?? null);
}

/**
 * A new browser context on the local editor (`/local`, a drawing kept in this browser only), once its canvas is
 * there; `errors` collects the page's uncaught errors, for the test to check at its end.
 */
export async function openLocalEditor(
  browser: Browser,
  serverUrl: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${serverUrl}/local`);
  await page.locator(".nagare-canvas").waitFor();
  return { context, page, errors };
}

/** Draws a flow by dragging from the source's right-hand handle to the target's left-hand handle. */
export async function connect(page: Page, from: string, to: string) {
  const s = page.locator(`.react-flow__node:has([data-testid="node-${from}"]) [data-handleid="s-r"]`).first();
  const t = page.locator(`.react-flow__node:has([data-testid="node-${to}"]) [data-handleid="s-l"]`).first();
  await canvasSettled(page);
  await page.locator(`[data-testid="node-${from}"]`).first().hover();
  const sb = await s.boundingBox();
  const tb = await t.boundingBox();
  if (!sb || !tb) throw new Error("handles not found");
  await page.mouse.move(sb.x + sb.width / 2, sb.y + sb.height / 2);
  await page.mouse.down();
  await page.mouse.move(tb.x + tb.width / 2 - 20, tb.y + tb.height / 2, { steps: 8 });
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.locator('[data-testid="inspector-flow"]').waitFor();
}

/** Drags a palette entry onto the canvas at (x, y) relative to the canvas' top-left corner and names it. */
export async function dropFromPalette(page: Page, testId: string, x: number, y: number, label?: string) {
  await page.dragAndDrop(`[data-testid="${testId}"]`, ".nagare-canvas .react-flow__pane", {
    targetPosition: { x, y },
  });
  const editor = page.locator(".label-editor textarea");
  await editor.waitFor();
  if (label) {
    await editor.fill(label);
    await editor.press("Enter");
  } else await editor.press("Escape");
  await editor.waitFor({ state: "detached" });
}

export const field = (page: Page, key: string) => page.locator(`[data-field="${key}"]`);

/**
 * Waits until the canvas stops moving (the view's pan/zoom animation and every element's position unchanged
 * for a few frames), so that boxes measured next are where the pointer will find them.
 */
export async function canvasSettled(page: Page) {
  await page.waitForFunction(
    () => {
      const parts = [document.querySelector(".react-flow__viewport")?.getAttribute("style") ?? ""];
      for (const n of document.querySelectorAll(".react-flow__node")) parts.push(n.getAttribute("style") ?? "");
      const now = parts.join("|");
      const w = window as unknown as { __canvasLast?: string; __canvasSame?: number };
      w.__canvasSame = w.__canvasLast === now ? (w.__canvasSame ?? 0) + 1 : 0;
      w.__canvasLast = now;
      return w.__canvasSame >= 5;
    },
    undefined,
    { polling: "raf" },
  );
}
