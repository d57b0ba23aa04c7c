import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { nodeRect, type Rect } from "../../src/document/geometry";
import type { NagareDocument } from "../../src/model";
import { liveServerAndBrowser } from "../support/live";
import { canvasSettled, field, model } from "./helpers";

/**
 * The editor as actions: renumbering along the flows, the context menu, the toolbar at 1366 px, the side
 * panel's tabs, and the English switch; and how many UI actions a small drawing takes.
 */

const env = liveServerAndBrowser();
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Counts what a person does: each click, key press, drag and typed name is one action. */
function counted(page: Page) {
  let n = 0;
  return {
    count: () => n,
    click: async (selector: string) => {
      n++;
      await page.locator(selector).first().click();
    },
    type: async (selector: string, text: string) => {
      n++;
      await page.locator(selector).fill(text);
    },
    press: async (key: string) => {
      n++;
      await page.keyboard.press(key);
    },
    /** Drags from an element's right-hand dot onto the middle of another element's body. */
    connect: async (from: string, to: string) => {
      n++;
      await canvasSettled(page);
      await page.locator(`[data-testid="node-${from}"]`).hover();
      const s = await page
        .locator(`.react-flow__node:has([data-testid="node-${from}"]) [data-handleid="s-r"]`)
        .boundingBox();
      const t = await page.locator(`[data-testid="node-${to}"]`).boundingBox();
      if (!s || !t) throw new Error("boxes");
      await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
      await page.mouse.down();
      await page.mouse.move(t.x + t.width / 2 - 20, t.y + t.height / 2, { steps: 6 });
      await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 3 });
      await page.mouse.up();
      await page.locator('[data-testid="inspector-flow"]').waitFor();
    },
  };
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const steps = (doc: NagareDocument | null) => {
  const label = (id: string) => doc?.nodes.find((n) => n.id === id)?.label;
  return Object.fromEntries((doc?.flows ?? []).map((f) => [`${label(f.source)}→${label(f.target)}`, f.step]));
};

describe("the editor as actions", () => {
  it("draws 5 elements and 4 flows in few actions; renumbering follows the flows", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/local`);
    await page.locator(".nagare-canvas").waitFor();
    const ui = counted(page);
    await ui.click('[data-testid="empty-hint"] button');
    await page.locator('[data-testid="group-自組織"]').waitFor();
    const add = async (kind: string, label: string) => {
      await ui.click(`[data-testid="palette-node:${kind}"]`);
      await ui.type(".label-editor textarea", label);
      await ui.press("Enter");
      await page.locator(`[data-testid="node-${label}"]`).waitFor();
    };
    await add("system_own", "住民記録システム");
    await add("contractor", "運用事業者");
    await add("store", "住民DB");
    await add("staff", "窓口職員");
    await add("person", "住民");
    // Drawn in the reverse order of the story on purpose.
    await ui.connect("住民記録システム", "運用事業者");
    await ui.connect("住民記録システム", "住民DB");
    await ui.connect("窓口職員", "住民記録システム");
    await ui.connect("住民", "窓口職員");
    await ui.click('[data-action="renumber"]');
    await expect
      .poll(async () => steps(await model(page)))
      .toEqual({
        "住民→窓口職員": "①",
        "窓口職員→住民記録システム": "②",
        // Two flows leave the system: the higher target first (the DB was added below the system).
        "住民記録システム→住民DB": "④",
        "住民記録システム→運用事業者": "③",
      });
    const m = await model(page);
    const lane = (label: string) =>
      m?.groups.find((g) => g.id === m.nodes.find((n) => n.label === label)?.groupId)?.laneKind;
    expect([lane("住民"), lane("運用事業者"), lane("窓口職員"), lane("住民記録システム"), lane("住民DB")]).toEqual([
      "subject",
      "contractor",
      "self",
      "self",
      "self",
    ]);
    const rects = (m?.nodes ?? []).map(nodeRect);
    expect(rects.some((a, i) => rects.slice(i + 1).some((b) => overlap(a, b)))).toBe(false);
    // The figure quoted in README.
    expect(ui.count()).toBe(21);
    await page.screenshot({ path: "/tmp/actions-drawing.png" });
    await context.close();
  });

  it("context menu, toolbar in one row at 1366 px, tab panel, named zoom buttons, English without Japanese chips", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/local`);
    await page.locator(".nagare-canvas").waitFor();
    await page.locator('[data-testid="empty-hint"] button').click();
    for (const [kind, label] of [
      ["person", "住民"],
      ["staff", "窓口職員"],
      ["system_own", "宛名システム"],
    ]) {
      await page.locator(`[data-testid="palette-node:${kind}"]`).click();
      await page.locator(".label-editor textarea").fill(label);
      await page.locator(".label-editor textarea").press("Enter");
    }
    const toolbar = await page.locator(".editor-toolbar").boundingBox();
    expect(toolbar?.height).toBeLessThan(52);

    // Right click on a selection of two: align their tops (one step, undoable).
    await page.locator('[data-testid="node-窓口職員"]').click();
    await page.locator('[data-testid="node-住民"]').click({ modifiers: ["Shift"] });
    await page.locator('[data-testid="node-住民"]').click({ button: "right" });
    const menu = page.getByRole("menu");
    await menu.waitFor();
    expect(await menu.getByRole("menuitem", { name: /削除/ }).isEnabled()).toBe(true);
    const before = await model(page);
    const y0 = Math.min(...(before?.nodes ?? []).filter((n) => n.label !== "宛名システム").map((n) => n.position.y));
    await menu.getByRole("menuitem", { name: "上揃え" }).click();
    await expect
      .poll(async () => {
        const doc = await model(page);
        const y = (l: string) => doc?.nodes.find((n) => n.label === l)?.position.y;
        return [y("窓口職員"), y("住民")];
      })
      .toEqual([y0, y0]);

    // A flow with a transport chip; a right click on the pane offers the drawing-wide actions.
    await page.keyboard.press("Escape");
    await page.locator('[data-testid="node-住民"]').click();
    await page.keyboard.press("Shift+C");
    await page.keyboard.press("Enter");
    await field(page, "transport").locator("select").selectOption("counter");
    await page.locator(".nagare-canvas .react-flow__pane").click({ button: "right", position: { x: 30, y: 400 } });
    await page.getByRole("menuitem", { name: /番号を振り直す/ }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("menu").waitFor({ state: "detached" });

    // Side panel tabs control a tab panel; zoom buttons have names.
    const panel = page.getByRole("tabpanel");
    expect(await panel.getAttribute("aria-labelledby")).toBe(
      await page.getByRole("tab", { selected: true }).getAttribute("id"),
    );
    await page.getByRole("button", { name: "拡大" }).waitFor();
    await page.getByRole("button", { name: "縮小" }).waitFor();

    // Both side panels fold away and give the canvas their width.
    const width = async () => (await page.locator(".nagare-canvas").boundingBox())?.width ?? 0;
    const wide = await width();
    await page.locator('[data-testid="palette-collapse"]').click();
    await page.locator('[data-testid="side-collapse"]').click();
    await expect.poll(width).toBeGreaterThan(wide + 400);
    await page.locator('[data-testid="palette-collapse"]').click();
    await page.locator('[data-testid="side-collapse"]').click();
    await expect.poll(width).toBe(wide);

    // English: no Japanese left in the chrome or on the canvas' chips. Labels people typed are theirs, and the
    // switch back names its language in that language.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Auto layout" }).waitFor();
    expect((await page.locator(".edge-badge text").allTextContents())[0]).toMatch(/^Counter/);
    const chrome = [
      ...(await page.locator(".editor-toolbar > :not(.doc-title):not([lang])").allInnerTexts()),
      ...(await page.locator(".palette").allInnerTexts()),
      ...(await page.getByRole("tab").allInnerTexts()),
      ...(await page.locator(".kind-tag, .edge-badge").allTextContents()),
      (await page.getByRole("button", { name: "Zoom in" }).getAttribute("aria-label")) ?? "",
    ];
    await page.locator('[data-testid="node-住民"]').click({ button: "right" });
    chrome.push(await page.getByRole("menu").innerText());
    await page.keyboard.press("Escape");
    await page.locator(".nagare-canvas .react-flow__pane").click({ position: { x: 30, y: 400 } });
    await page.keyboard.press("?");
    chrome.push(await page.getByRole("dialog").innerText());
    expect(chrome.filter((x) => JAPANESE.test(x))).toEqual([]);
    await page.screenshot({ path: "/tmp/actions-english.png" });
    await context.close();
  });
});
