import { describe, expect, it } from "vitest";
import { createDoc } from "../server/support";
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
