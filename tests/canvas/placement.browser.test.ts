import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { nodeRect, type Rect } from "../../src/document/geometry";
import type { NagareDocument } from "../../src/model";
import { liveServerAndBrowser } from "../support/live";
import { dropFromPalette, field, model } from "./helpers";

/**
 * Placement by meaning in the browser: palette additions land in their kind's lane without overlapping
 * (also when two people add at the same moment), a drop into the wrong lane warns and offers to move the
 * element, and a lane chosen in the inspector moves the element there.
 */

const env = liveServerAndBrowser();

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const overlapping = (doc: NagareDocument | null) =>
  (doc?.nodes ?? []).flatMap((a, i) =>
    (doc?.nodes ?? [])
      .slice(i + 1)
      .filter((b) => overlap(nodeRect(a), nodeRect(b)))
      .map((b) => `${a.label}/${b.label}`),
  );
const laneKindOf = (doc: NagareDocument | null, label: string) =>
  doc?.groups.find((g) => g.id === doc.nodes.find((n) => n.label === label)?.groupId)?.laneKind;
const within = (doc: NagareDocument | null, label: string) => {
  const n = doc?.nodes.find((x) => x.label === label);
  const g = doc?.groups.find((x) => x.id === n?.groupId);
  if (!n || !g) return false;
  const r = nodeRect(n);
  return r.x >= g.position.x && r.x + r.width <= g.position.x + g.size.width && r.y >= g.position.y;
};

/** A palette click: the element goes where its kind belongs; its name is typed at once. */
async function addFromPalette(page: Page, kind: string, label: string) {
  await page.locator(`[data-testid="palette-node:${kind}"]`).click();
  const editor = page.locator(".label-editor textarea");
  await editor.fill(label);
  await editor.press("Enter");
  await page.locator(`[data-testid="node-${label}"]`).waitFor();
}

async function openWithLanes(page: Page, url: string) {
  await page.goto(url);
  await page.locator(".nagare-canvas").waitFor();
  await page.locator('[data-testid="empty-hint"] button').click();
  await expect.poll(async () => (await model(page))?.groups.length).toBe(5);
}

describe("placement by meaning", () => {
  it("palette additions land in their kind's lane, side by side, and say where they went", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await openWithLanes(page, `${env.server.url}/local`);
    await addFromPalette(page, "person", "申請者");
    await page.getByText("「本人・代理人」を「本人」に置きました（所属: 本人）").waitFor();
    await addFromPalette(page, "contractor", "運用事業者");
    await addFromPalette(page, "agency", "日本年金機構");
    await addFromPalette(page, "system_own", "宛名システム");
    await addFromPalette(page, "system_own", "住民記録システム");
    await addFromPalette(page, "terminal", "窓口端末");
    const m = await model(page);
    expect(laneKindOf(m, "申請者")).toBe("subject");
    expect(laneKindOf(m, "運用事業者")).toBe("contractor");
    expect(laneKindOf(m, "日本年金機構")).toBe("external");
    expect(laneKindOf(m, "宛名システム")).toBe("self");
    expect(laneKindOf(m, "住民記録システム")).toBe("self");
    expect(laneKindOf(m, "窓口端末")).toBe("self");
    for (const n of m?.nodes ?? []) expect(within(m, n.label), n.label).toBe(true);
    expect(overlapping(m)).toEqual([]);
    await page.screenshot({ path: "/tmp/placement-lanes.png" });

    // A person dropped into the 自組織 lane: a warning, and a button that moves it to the 本人 lane.
    const selfLane = page.locator('[data-testid="group-自組織"]');
    const box = await selfLane.boundingBox();
    const canvas = await page.locator(".nagare-canvas").boundingBox();
    if (!box || !canvas) throw new Error("no lane");
    await dropFromPalette(
      page,
      "palette-node:person",
      box.x - canvas.x + box.width / 2,
      box.y - canvas.y + box.height - 60,
      "代理人",
    );
    const warning = page.locator(".toast-warn").filter({ hasText: "「本人」レーンに置く要素です" });
    await warning.waitFor();
    expect(laneKindOf(await model(page), "代理人")).toBe("self");
    await warning.getByRole("button", { name: "「本人」へ移す" }).click();
    await expect.poll(async () => laneKindOf(await model(page), "代理人")).toBe("subject");
    expect(within(await model(page), "代理人")).toBe(true);
    expect(overlapping(await model(page))).toEqual([]);

    // The inspector's lane field moves the element into the chosen lane.
    await page.locator('[data-testid="node-窓口端末"]').click();
    const lanes = (await model(page))?.groups ?? [];
    const contractorLane = lanes.find((g) => g.laneKind === "contractor");
    await field(page, "groupId")
      .locator("select")
      .selectOption(contractorLane?.id ?? "");
    await expect.poll(async () => laneKindOf(await model(page), "窓口端末")).toBe("contractor");
    expect(within(await model(page), "窓口端末")).toBe(true);
    expect(overlapping(await model(page))).toEqual([]);
    // Drawn there too: the element's box lies inside the lane's box on screen.
    const nb = await page.locator('[data-testid="node-窓口端末"]').boundingBox();
    const lb = await page.locator('[data-testid="group-委託先"]').boundingBox();
    if (!nb || !lb) throw new Error("boxes");
    expect(nb.x).toBeGreaterThanOrEqual(lb.x);
    expect(nb.x + nb.width).toBeLessThanOrEqual(lb.x + lb.width);
    await context.close();
  });

  it("two people adding at the same moment do not land on top of each other", async () => {
    const res = await fetch(`${env.server.url}/api/documents`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "同時に追加" }),
    });
    const created = (await res.json()) as { id: string; token: string };
    const link = `${env.server.url}/d/${created.id}#t=${created.token}`;
    const open = async (name: string) => {
      const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
      const page = await context.newPage();
      await page.goto(link);
      const dialog = page.getByRole("form");
      await dialog.locator("input").fill(name);
      await dialog.getByRole("button", { name: "決定" }).click();
      await page.locator('[data-testid="status"]').filter({ hasText: "共同編集中" }).waitFor();
      return page;
    };
    const a = await open("田中");
    const b = await open("鈴木");
    await a.locator('[data-testid="empty-hint"] button').click();
    await expect.poll(async () => (await model(b))?.groups.length).toBe(5);

    // Both click the same palette entry at once, twice.
    for (const round of [1, 2]) {
      await Promise.all([
        addFromPalette(a, "system_own", `田中のシステム${round}`),
        addFromPalette(b, "system_own", `鈴木のシステム${round}`),
      ]);
    }
    await expect.poll(async () => (await model(a))?.nodes.length).toBe(4);
    await expect.poll(async () => overlapping(await model(a)), { timeout: 10_000 }).toEqual([]);
    await expect.poll(async () => overlapping(await model(b)), { timeout: 10_000 }).toEqual([]);
    const m = await model(a);
    for (const n of m?.nodes ?? []) expect(laneKindOf(m, n.label)).toBe("self");
    await expect
      .poll(async () => JSON.stringify((await model(b))?.nodes))
      .toBe(JSON.stringify((await model(a))?.nodes));
    await a.screenshot({ path: "/tmp/placement-two-users.png" });
    await a.context().close();
    await b.context().close();
  });
});
