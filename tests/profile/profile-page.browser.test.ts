import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { liveServerAndBrowser } from "../support/live";

/**
 * 団体の共通回答 in the real app: an owner edits and saves the organisation's answers, imports a file (a broken
 * one is refused with what and where), and the document's 評価書 panel shows which answers come from it, with
 * 「この文書だけ書き換える」 and 「共通回答に戻す」.
 */
const env = liveServerAndBrowser();
const EXAMPLE = path.resolve(import.meta.dirname, "../../docs/examples/kakuu-shi.nagare-profile.json");

async function createFromTemplate(id: string): Promise<{ id: string; token: string; link: string }> {
  const res = await fetch(`${env.server.url}/api/documents`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ template: id }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
  return (await res.json()) as { id: string; token: string; link: string };
}

describe("organisation profile page", () => {
  it("an owner edits, imports and saves the common answers; the 評価書 marks them and a document overrides one", async () => {
    const doc = await createFromTemplate("tokyo-toei-jutaku");
    const ctx = await env.browser.newContext({ viewport: { width: 1400, height: 950 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${env.server.url}/profile#t=${doc.token}`);
    await page.getByTestId("profile-page").waitFor();
    await expect.poll(() => page.getByTestId("profile-answered").textContent()).toMatch(/^0 \/ \d+ 項目に回答/);
    // The token handed over in the address does not stay there.
    expect(new URL(page.url()).hash).toBe("");

    const training = page.locator("[data-item='training.level']");
    await training.getByLabel("十分に行っている").check();
    await page.locator("#profile-training\\.method").fill("年1回、全職員に研修を行う。");
    await page.getByTestId("profile-save").click();
    await expect.poll(() => page.getByTestId("profile-message").textContent()).toContain("保存しました");
    const saved = await (
      await fetch(`${env.server.url}/api/profile`, { headers: { authorization: `Bearer ${doc.token}` } })
    ).json();
    expect(saved.profile.answers).toEqual({
      "training.level": "十分に行っている",
      "training.method": "年1回、全職員に研修を行う。",
    });

    // A broken file is refused with its problems, and nothing changes.
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-profile-")), "broken.nagare-profile.json");
    fs.writeFileSync(
      broken,
      JSON.stringify({ format: "nagare-profile", schemaVersion: 1, answers: { "disclosure.fee": "高い" } }),
    );
    await page.getByTestId("profile-import").setInputFiles(broken);
    await expect.poll(() => page.getByTestId("profile-message").textContent()).toContain("answers.disclosure.fee");
    await expect.poll(() => page.getByTestId("profile-answered").textContent()).toMatch(/^2 \//);
    await page.getByTestId("profile-import").setInputFiles(EXAMPLE);
    await expect.poll(() => page.getByTestId("profile-message").textContent()).toContain("読み込みました");
    await page.getByTestId("profile-save").click();
    await expect.poll(() => page.getByTestId("profile-message").textContent()).toContain("保存しました");

    expect(await seriousViolations(page, "profile ja")).toEqual([]);
    // English switch.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Organisation's common answers");
    expect(await seriousViolations(page, "profile en")).toEqual([]);

    // The document's 評価書 draws on the saved profile and says so.
    const editor = await ctx.newPage();
    editor.on("pageerror", (e) => errors.push(e.message));
    await editor.addInitScript(() => {
      localStorage.setItem("nagare.lang", "ja");
      localStorage.setItem("nagare.user.name", "記入者");
    });
    await editor.goto(env.server.url + doc.link);
    await editor.locator(".react-flow__pane").waitFor();
    await editor.getByTestId("tab-report").click();
    const item = editor.getByTestId("report-panel").locator("[data-item='IV.1.1']");
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain("共通回答");
    await expect.poll(() => item.textContent()).toContain("十分に行っている");
    await item.getByTestId("report-edit").click();
    expect(await item.getByTestId("report-edit").count()).toBe(0);
    await item.getByTestId("report-editor-select").selectOption("特に力を入れて行っている");
    await item.getByTestId("report-save").click();
    await expect.poll(() => item.getAttribute("data-state")).toBe("answer");
    expect(await item.getByTestId("report-from-profile").count()).toBe(0);
    await expect.poll(() => item.getByTestId("report-reset").textContent()).toBe("共通回答に戻す");
    await item.getByTestId("report-reset").click();
    await expect.poll(() => item.getAttribute("data-state")).toBe("meta");
    await expect.poll(() => item.getByTestId("report-from-profile").count()).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);
});
