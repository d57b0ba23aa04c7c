import { describe, expect, it } from "vitest";
import { api, createDoc, share } from "../server/support";
import { liveServerAndBrowser } from "../support/live";

// A link received by mail and opened directly must be found again on the start page of that browser.
describe("links opened directly", () => {
  const env = liveServerAndBrowser();

  it("appear on the start page after the document was opened once", async () => {
    const doc = await createDoc(env.server.url, { title: "直接開いた事務" });
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.server.url}/`);
    await expect.poll(() => page.getByTestId("doc-list").locator("li").count()).toBe(0);
    await page.goto(`${env.server.url}/d/${doc.id}#t=${doc.token}&role=owner`);
    await page.locator(".react-flow__pane").waitFor();
    await expect.poll(() => page.getByTestId("status").getAttribute("class")).toContain("status-connected");
    await page.goto(`${env.server.url}/`);
    await expect
      .poll(() => page.getByTestId("doc-list").textContent(), { timeout: 15_000 })
      .toContain("直接開いた事務");
    await context.close();
  });

  it("the start page forgets links the server reports revoked or deleted, once, and stops asking about them", async () => {
    const kept = await createDoc(env.server.url, { title: "残る文書" });
    const doc = await createDoc(env.server.url, { title: "取り消される" });
    const revoked = await share(env.server.url, doc, "edit");
    await api(env.server.url, `/api/documents/${doc.id}/shares/${revoked.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    const trashed = await createDoc(env.server.url, { title: "削除される" });
    const viewer = await share(env.server.url, trashed, "view");
    await api(env.server.url, `/api/documents/${trashed.id}`, { method: "DELETE", token: trashed.token });
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/documents/lookup")) asked.push(r.postData() ?? "");
    });
    await page.goto(`${env.server.url}/`);
    const stored = [
      { id: kept.id, token: kept.token, role: "owner", addedAt: 1 },
      { id: doc.id, token: revoked.token, role: "edit", addedAt: 2 },
      { id: trashed.id, token: viewer.token, role: "view", addedAt: 3 },
    ];
    await page.evaluate((links) => localStorage.setItem("nagare.links", JSON.stringify(links)), stored);
    await page.reload();
    await expect.poll(() => page.getByTestId("forgotten-links").textContent()).toContain("2 件");
    await expect.poll(() => page.getByTestId("doc-list").textContent()).toContain("残る文書");
    expect(await page.getByTestId("doc-list").locator("li").count()).toBe(1);
    const left = await page.evaluate(() => JSON.parse(localStorage.getItem("nagare.links") ?? "[]"));
    expect(left.map((l: { id: string }) => l.id)).toEqual([kept.id]);
    // The next visit asks only about the link that still works, and has nothing to report.
    asked.length = 0;
    await page.reload();
    await expect.poll(() => page.getByTestId("doc-list").textContent()).toContain("残る文書");
    expect(asked.length).toBeGreaterThan(0);
    for (const body of asked) {
      expect(body).not.toContain(revoked.token);
      expect(body).not.toContain(viewer.token);
    }
    expect(await page.getByTestId("forgotten-links").count()).toBe(0);
    await context.close();
  });

  it("a wrong link says why it was refused instead of retrying for ever", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const doc = await createDoc(env.server.url, { title: "取り消し" });
    await page.goto(`${env.server.url}/d/${doc.id}#t=${"x".repeat(43)}`);
    await expect
      .poll(() => page.getByTestId("status").getAttribute("class"), { timeout: 15_000 })
      .toContain("status-refused");
    await expect(page.getByTestId("server-notice").textContent()).resolves.toMatch(/リンク/);
    await context.close();
  });
});
