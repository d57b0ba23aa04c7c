import fs from "node:fs";
import JSZip from "jszip";
import type { Download, Page } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import { serializeDocument } from "../../src/model";
import { canvasSettled, field, model } from "../canvas/helpers";
import { jimu } from "../sections/changes-fixture";
import { api } from "../server/support";
import { liveServerAndBrowser } from "../support/live";

vi.setConfig({ testTimeout: 180_000 });
const env = liveServerAndBrowser();

/**
 * The 変更箇所 made from the app: a 担当者 saves a version, changes a flow's transport, and exports the 評価書
 * from the 評価書 panel with that version chosen (Word through the server, Markdown in the browser); the
 * versions page exports the same against the version it shows. The changed 項目 is read from the files.
 */
const wordText = async (d: Download) =>
  (await (await JSZip.loadAsync(fs.readFileSync(await d.path()))).file("word/document.xml")?.async("string")) ?? "";
const text = async (d: Download) => fs.readFileSync(await d.path(), "utf8");
const save = async (page: Page, testId: string) => {
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return d;
};

/** The rows of the Markdown 変更箇所 table dated 変更日 2025-04-01. */
const changeRows = (md: string) => md.split("\n").filter((l) => l.startsWith("| 令和7年4月1日 |"));

describe("変更箇所 from the app", () => {
  it("lists the changed 入手方法 against the chosen version, in Word and Markdown and from the versions page", async () => {
    const url = env.server.url;
    const imported = await api(url, "/api/documents/import", { raw: serializeDocument(jimu()) });
    expect(imported.status).toBe(201);
    const { id, token } = imported.body as { id: string; token: string };

    const context = await env.browser.newContext({ viewport: { width: 1500, height: 900 }, acceptDownloads: true });
    await context.addInitScript(() => localStorage.setItem("nagare.user.name", "担当者"));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${url}/d/${id}#t=${token}`);
    await page.locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
    await canvasSettled(page);

    // Save the version as it is now.
    await page.getByTestId("tab-versions").click();
    await page.getByTestId("version-name").fill("公表版 2024");
    await page.getByTestId("version-save").click();
    await page.getByTestId("versions-panel").locator("li", { hasText: "公表版 2024" }).waitFor();

    // Change the transport of ① (紙 → オンライン申請) in the inspector, reached from the 備考 list.
    await page.getByTestId("tab-steps").click();
    await page.locator('[data-flow="a"] .step-ends').click();
    await field(page, "transport").locator("select").selectOption("online_application");
    await expect
      .poll(async () => (await model(page))?.flows.find((f) => f.id === "a")?.transport)
      .toBe("online_application");

    // Without a version the 変更箇所 stays empty.
    await page.getByTestId("tab-report").click();
    const panel = page.getByTestId("report-panel");
    await expect.poll(() => panel.getByTestId("report-changes-note").textContent()).toContain("版を選ぶと");
    expect(changeRows(await text(await save(page, "report-export-md")))).toEqual([]);
    expect(await wordText(await save(page, "report-export-docx"))).not.toContain("Ⅱ-3-② 入手方法");

    // With the version chosen and 変更日 set, Word (made by the server) lists the changed item.
    await panel.getByTestId("report-since").selectOption({ label: "公表版 2024" });
    await panel.getByTestId("report-changed-on").fill("2025-04-01");
    const docx = await save(page, "report-export-docx");
    expect(docx.suggestedFilename()).toBe("テスト_評価書.docx");
    const xml = await wordText(docx);
    for (const s of ["令和7年4月1日", "Ⅱ-3-② 入手方法", "☑ 紙", "オンライン申請・API（暗号化通信）", "事後"])
      expect(xml).toContain(s);
    expect(await panel.locator('[role="status"]').textContent()).not.toContain("ブラウザ内");

    // Markdown (made in the browser) has the same row.
    const rows = changeRows(await text(await save(page, "report-export-md")));
    const method = rows.find((r) => r.includes("| Ⅱ-3-② 入手方法 |"));
    expect(method).toContain("☐ 紙　☑ その他 (オンライン申請・API（暗号化通信）)");

    // The versions page: the shown version against the current drawing, exported from the comparison.
    const versions = await api(url, `/api/documents/${id}/versions`, { token });
    const v1 = (versions.body.versions as { id: string; name: string }[]).find((v) => v.name === "公表版 2024");
    // The current drawing is read from the server: wait until the edit is stored there.
    await expect
      .poll(
        async () =>
          (await api(url, `/api/documents/${id}/model`, { token })).body?.flows?.find(
            (f: { id: string }) => f.id === "a",
          )?.transport,
        {
          timeout: 10_000,
        },
      )
      .toBe("online_application");
    const vpage = await context.newPage();
    vpage.on("pageerror", (e) => errors.push(String(e)));
    await vpage.goto(`${url}/d/${id}/v/${v1?.id}#t=${token}&role=view`);
    await vpage.getByTestId("version-compare").selectOption("current");
    await vpage.getByTestId("version-changes").waitFor();
    await vpage.getByTestId("version-changed-on").fill("2025-04-01");
    const fromVersions = await wordText(await save(vpage, "version-report"));
    for (const s of ["令和7年4月1日", "Ⅱ-3-② 入手方法", "オンライン申請・API（暗号化通信）"])
      expect(fromVersions).toContain(s);
    await expect.poll(() => vpage.getByTestId("version-report-status").textContent()).toContain("テスト_評価書.docx");

    expect(errors).toEqual([]);
    await context.close();
  });
});
