import { describe, expect, it } from "vitest";
import { createDoc, share } from "../server/support";
import { liveServerAndBrowser } from "../support/live";

/**
 * Who may do what with the organisation's templates, in the real app: the owner publishes from the 版 panel,
 * an edit link is told it cannot; the gallery of a start page that holds a link of this server offers the
 * template, a start page without one does not.
 */
const env = liveServerAndBrowser();

async function context(name: string) {
  const ctx = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  await ctx.addInitScript((n) => localStorage.setItem("nagare.user.name", n), name);
  return ctx;
}

describe("organisation templates in the browser", () => {
  it("the owner publishes; edit links cannot; only start pages holding a link list it", async () => {
    const doc = await createDoc(env.server.url, { title: "公開元の事務" });
    const edit = await share(env.server.url, doc, "edit");
    const owner = await context("所有者");
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.server.url}/d/${doc.id}#t=${doc.token}&role=owner`);
    await page.locator(".react-flow__pane").waitFor();
    await page.getByTestId("tab-versions").click();
    await page.getByTestId("template-name").fill("当課のひな形");
    await page.getByTestId("template-publish").click();
    await expect.poll(() => page.getByTestId("publications").textContent()).toContain("当課のひな形");

    const editor = await context("編集者");
    const editPage = await editor.newPage();
    await editPage.goto(`${env.server.url}/d/${doc.id}#t=${edit.token}`);
    await editPage.locator(".react-flow__pane").waitFor();
    await editPage.getByTestId("tab-versions").click();
    await editPage.getByTestId("publish-owner-only").waitFor();
    expect(await editPage.getByTestId("template-name").count()).toBe(0);

    // The editor's browser remembered the edit link: its start page lists the organisation's template.
    await editPage.goto(`${env.server.url}/`);
    const gallery = editPage.getByTestId("template-gallery");
    await expect.poll(() => gallery.textContent(), { timeout: 15_000 }).toContain("当課のひな形");

    const stranger = await context("外部");
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${env.server.url}/`);
    await strangerPage.getByTestId("template-gallery").locator("[data-template]").first().waitFor();
    await strangerPage.getByText(/自組織のひな形は/).waitFor();
    expect(await strangerPage.getByTestId("template-gallery").textContent()).not.toContain("当課のひな形");

    expect(errors).toEqual([]);
    await Promise.all([owner.close(), editor.close(), stranger.close()]);
  });

  it("the owner key brings the list of one's documents to a new browser", async () => {
    // The first PC: a new document makes the key; its start page shows it.
    const first = await context("異動前");
    const pc1 = await first.newPage();
    await pc1.goto(`${env.server.url}/`);
    await pc1.getByPlaceholder(/住民基本台帳に関する事務 全項目評価書|Resident register/).fill("異動でも残る文書");
    await pc1.getByTestId("new-blank").click();
    await pc1.waitForURL(/\/d\/[A-Za-z0-9_-]+#t=.*role=owner/);
    await pc1.goto(`${env.server.url}/`);
    const panel = pc1.getByTestId("owner-key");
    await panel.getByRole("button", { name: "キーを表示" }).click();
    const key = ((await panel.getByTestId("owner-key-text").textContent()) ?? "").trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A new PC opens the key's link: the document is listed and opens there with an owner link of its own.
    const second = await context("異動後");
    const pc2 = await second.newPage();
    await pc2.goto(`${env.server.url}/#k=${key}`);
    const remote = pc2.getByTestId("owner-remote");
    await expect.poll(() => remote.textContent(), { timeout: 15_000 }).toContain("異動でも残る文書");
    expect(new URL(pc2.url()).hash).toBe(""); // the key does not stay in the address bar
    await remote.getByRole("button", { name: "この端末で開く" }).click();
    await pc2.waitForURL(/\/d\/[A-Za-z0-9_-]+#t=.*role=owner/);
    await expect
      .poll(() => pc2.getByTestId("status").getAttribute("class"), { timeout: 15_000 })
      .toContain("status-connected");
    await pc2.goto(`${env.server.url}/`);
    await expect
      .poll(() => pc2.getByTestId("doc-list").textContent(), { timeout: 15_000 })
      .toContain("異動でも残る文書");
    expect(await pc2.getByTestId("owner-remote").count()).toBe(0);

    // A third browser takes the key pasted as text.
    const third = await context("VDI");
    const pc3 = await third.newPage();
    await pc3.goto(`${env.server.url}/`);
    await pc3.getByTestId("owner-key-input").fill(key);
    await pc3.getByTestId("owner-key-use").click();
    await expect
      .poll(() => pc3.getByTestId("owner-remote").textContent(), { timeout: 15_000 })
      .toContain("異動でも残る文書");
    await Promise.all([first.close(), second.close(), third.close()]);
  });
});
