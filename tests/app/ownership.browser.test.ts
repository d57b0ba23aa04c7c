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
});
