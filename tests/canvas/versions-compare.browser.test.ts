import { describe, expect, it, vi } from "vitest";
import type * as Y from "yjs";
import { serializeDocument } from "../../src/model";
import { collection } from "../../src/sync/doc-shape";
import { jimu } from "../sections/changes-fixture";
import { api, connectClient, synced, waitFor } from "../server/support";
import { liveServerAndBrowser } from "../support/live";
import { canvasSettled } from "./helpers";

vi.setConfig({ testTimeout: 120_000 });
const env = liveServerAndBrowser();

/**
 * The versions page compares a saved version with another one or with the current drawing: the canvas shows
 * added, removed and changed elements in colour, read-only, with a legend and the list of changes.
 */
describe("versions page: the difference on the canvas", () => {
  it("colours an added node, a removed flow and a changed flow, and lists them", async () => {
    const url = env.server.url;
    const imported = await api(url, "/api/documents/import", { raw: serializeDocument(jimu()) });
    const { id, token } = imported.body as { id: string; token: string };
    const v1 = await api(url, `/api/documents/${id}/versions`, { token, body: { name: "公表版 2024" } });
    const a = connectClient(url, id, token);
    const b = connectClient(url, id, token);
    await synced(a, b);
    const { Map: YMap } = await import("yjs");
    a.ydoc.transact(() => {
      (collection(a.ydoc, "flows").get("a") as Y.Map<unknown>).set("transport", "online_application");
      collection(a.ydoc, "flows").delete("p");
      const node = new YMap<unknown>();
      for (const [k, v] of Object.entries({
        id: "tax",
        kind: "department",
        label: "税務課",
        position: { x: 600, y: 40 },
      }))
        node.set(k, v);
      collection(a.ydoc, "nodes").set("tax", node);
    });
    await waitFor(() => collection(b.ydoc, "nodes").has("tax") && !collection(b.ydoc, "flows").has("p"));
    a.close();
    b.close();

    const ctx = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${url}/d/${id}/v/${v1.body.id}#t=${token}&role=view`);
    await page.getByTestId("version-banner").waitFor();
    await canvasSettled(page);
    // Before comparing, nothing is coloured.
    expect(await page.locator(".react-flow__node.change-added, .react-flow__edge.change-changed").count()).toBe(0);

    await page.getByTestId("version-compare").selectOption("current");
    const list = page.getByTestId("version-changes");
    await list.waitFor();
    await canvasSettled(page);
    expect(await list.textContent()).toContain("「公表版 2024」から「現在の図」への変更");
    const items = await list
      .locator("li[data-change]")
      .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-change")}:${e.getAttribute("data-id")}`).sort());
    expect(items).toEqual(["added:tax", "changed:a", "removed:p"]);
    // On the canvas: the new box green, the removed flow still drawn (dashed red), the changed flow amber.
    await page.locator('.react-flow__node.change-added:has([data-testid="node-税務課"])').waitFor();
    expect(await page.locator(".react-flow__edge.change-removed").count()).toBe(1);
    expect(await page.locator(".react-flow__edge.change-changed").count()).toBe(1);
    const stroke = await page
      .locator(".react-flow__edge.change-changed path")
      .first()
      .evaluate((p) => getComputedStyle(p).stroke);
    expect(stroke).toBe("rgb(209, 143, 0)");

    // Back to no comparison: the colours go.
    await page.getByTestId("version-compare").selectOption("");
    await list.waitFor({ state: "detached" });
    expect(await page.locator(".react-flow__node.change-added").count()).toBe(0);
    await ctx.close();
  });
});
