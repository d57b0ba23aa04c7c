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
    await page.getByTestId("server-notice").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("server-notice").textContent()).toMatch(/リンク/);
    await context.close();
  });

  it("the reason is shown too when the refusal arrives while the editor is still being set up", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const doc = await createDoc(env.server.url, { title: "取り消し（開く途中）" });
    await page.addInitScript(refusalDuringMount, doc.id);
    await page.goto(`${env.server.url}/d/${doc.id}#t=${"y".repeat(43)}`);
    await expect
      .poll(() => page.getByTestId("status").getAttribute("class"), { timeout: 15_000 })
      .toContain("status-refused");
    expect(await page.evaluate(() => (window as { refusalHeld?: boolean }).refusalHeld)).toBe(true);
    await page.getByTestId("server-notice").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("server-notice").textContent()).toMatch(/リンク/);
    await context.close();
  });
});

/**
 * Runs in the page before its scripts: lands the server's answer to the link check (GET /api/documents/<id>)
 * in the editor's first render, before its effects subscribe — the order a busy machine produces by chance.
 * The local copy (IndexedDB "nagare:<id>") opens only once the answer has come, and the answer is handed to
 * the page at the first change of the page after that, which is the editor replacing the loading text.
 */
function refusalDuringMount(docId: string): void {
  let answered: () => void = () => {};
  const answer = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory["open"]>) {
    const request = open.apply(this, args);
    if (args[0] !== `nagare:${docId}`) return request;
    let onsuccess: ((e: Event) => void) | null = null;
    Object.defineProperty(request, "onsuccess", {
      get: () => onsuccess,
      set: (h) => {
        onsuccess = h;
      },
    });
    request.addEventListener("success", (e) => void answer.then(() => onsuccess?.call(request, e)));
    return request;
  };
  const fetchNow = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const res = fetchNow(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!url.endsWith(`/api/documents/${docId}`)) return res;
    return res.then(
      (r) =>
        new Promise<Response>((resolve) => {
          const changed = new MutationObserver(() => {
            changed.disconnect();
            (window as { refusalHeld?: boolean }).refusalHeld = true;
            resolve(r);
          });
          changed.observe(document.body, { childList: true, subtree: true });
          answered();
        }),
    );
  };
}
