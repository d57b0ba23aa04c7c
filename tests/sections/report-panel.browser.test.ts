import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { liveServerAndBrowser } from "../support/live";

/**
 * The 評価書 preview in the real app: a document made from a template on the real server, opened by two
 * people in separate browser contexts. One answers an item; the other sees it. A generated line selects its
 * source elements on the canvas; the exports download.
 */

const env = liveServerAndBrowser();

async function createFromTemplate(match: RegExp): Promise<{ link: string }> {
  const body = (await (await fetch(`${env.server.url}/api/templates`)).json()) as {
    templates: { id: string; title: string }[];
  };
  const list = body.templates;
  const t = list.find((x) => match.test(x.id) || match.test(x.title));
  if (!t) throw new Error(`no template like ${match}: ${list.map((x) => x.id).join(", ")}`);
  const res = await fetch(`${env.server.url}/api/documents`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ template: t.id }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
  return (await res.json()) as { link: string };
}

async function openReport(page: Page, link: string) {
  await page.goto(env.server.url + link);
  await page.locator(".react-flow__pane").waitFor();
  await page.getByTestId("tab-report").click();
  await page.getByTestId("report-panel").waitFor();
}

describe("評価書 preview panel", () => {
  it("shows the generated sections, takes answers that sync, selects sources and exports", async () => {
    const doc = await createFromTemplate(/tokyo|都営/);
    const a = await env.browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
    const b = await env.browser.newContext({ viewport: { width: 1500, height: 950 } });
    for (const [ctx, name] of [
      [a, "記入者"],
      [b, "点検者"],
    ] as const)
      await ctx.addInitScript((n) => localStorage.setItem("nagare.user.name", n), name);
    const pa = await a.newPage();
    const pb = await b.newPage();
    const errors: string[] = [];
    for (const p of [pa, pb]) {
      p.on("pageerror", (e) => errors.push(e.message));
      p.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
      });
    }
    await openReport(pa, doc.link);
    await openReport(pb, doc.link);

    const panel = pa.getByTestId("report-panel");
    await expect.poll(() => panel.getByTestId("report-threshold").textContent()).toContain("しきい値判断");
    await expect.poll(() => panel.getByTestId("report-counts").textContent()).toMatch(/要記入 \d+ 件/);
    // The generated boxes of the template: 委託する, and 接続しない（提供） ticked.
    await expect.poll(() => panel.locator("[data-item$='.4.has']").first().textContent()).toContain("委託する");
    await expect.poll(() => panel.locator("[data-item$='.6.noneOut']").first().textContent()).toContain("☑");

    // Answer the first item that needs input under Ⅳ (監査); the other person sees the answer.
    const item = panel.locator("[data-item='IV.2.2']");
    await expect.poll(() => item.getAttribute("data-state")).toBe("missing");
    await item.getByTestId("report-edit").click();
    await item.getByTestId("report-editor-text").fill("年1回、全職員を対象に研修を行う。");
    await item.getByTestId("report-save").click();
    await expect.poll(() => item.getAttribute("data-state")).toBe("answer");
    const other = pb.getByTestId("report-panel").locator("[data-item='IV.2.2']");
    await expect.poll(() => other.textContent(), { timeout: 10_000 }).toContain("年1回、全職員を対象に研修を行う。");
    await expect.poll(() => other.getAttribute("data-state")).toBe("answer");

    // A legal-basis item offers the common bases, numbered as on the 公表日 (none set: today's numbers).
    const basis = panel.locator("[data-item='I.6.2']");
    await basis.getByTestId("report-edit").click();
    await basis.getByTestId("report-basis-preset").selectOption("jlis_request");
    await expect.poll(() => basis.getByTestId("report-editor-text").inputValue()).toMatch(/\n番号法第14条第2項$/);
    await basis.getByTestId("report-save").click();
    await expect.poll(() => basis.getAttribute("data-state")).toBe("answer");

    // A check-box list takes the words in the parentheses too.
    const sourcesItem = panel.locator("[data-item^='II.file:'][data-item$='.3.1']").first();
    await sourcesItem.getByTestId("report-edit").click();
    await sourcesItem.getByLabel("その他", { exact: true }).check();
    await sourcesItem.getByLabel("その他 の括弧内").fill("テスト機関");
    await sourcesItem.getByTestId("report-save").click();
    await expect.poll(() => sourcesItem.getAttribute("data-state")).toBe("answer");
    await expect.poll(() => sourcesItem.textContent()).toContain("☑ その他 (テスト機関)");

    // Confirm a suggested sufficiency.
    const suff = panel.locator("[data-item$='.2.risk1.sufficiency']").first();
    await expect.poll(() => suff.getAttribute("data-state")).toBe("suggested");
    await suff.getByTestId("report-confirm").click();
    await expect.poll(() => suff.getAttribute("data-state")).toBe("answer");

    // Exports: printable HTML made in the browser, Word through the env.server.
    const [html] = await Promise.all([pa.waitForEvent("download"), panel.getByTestId("report-export-html").click()]);
    const htmlText = fs.readFileSync((await html.path()) as string, "utf8");
    expect(htmlText).toContain("特定個人情報保護評価書（全項目評価書）");
    expect(htmlText).toContain("年1回、全職員を対象に研修を行う。");
    const [docx] = await Promise.all([pa.waitForEvent("download"), panel.getByTestId("report-export-docx").click()]);
    const bytes = fs.readFileSync((await docx.path()) as string);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    // The same drawing as the 基礎項目評価書 (required alongside the 全項目): the boxes move to Ⅳ.
    await panel.getByTestId("report-kind").selectOption("basic");
    await expect.poll(() => panel.locator("[data-item='IV.4.none']").count()).toBe(1);
    await expect.poll(() => panel.locator("[data-item='IV.6.noneOut']").textContent()).toContain("☑");
    await panel.getByTestId("report-kind").selectOption("");
    await expect.poll(() => panel.locator("[data-item='IV.2.2']").count()).toBe(1);

    // A generated line with sources selects them on the canvas.
    const sources = panel.locator("[data-item$='.3.1'] .rp-main.rp-linked").first();
    await sources.click();
    await expect
      .poll(() => pa.locator(".react-flow__node.selected, .react-flow__edge.selected").count())
      .toBeGreaterThan(0);

    expect(errors).toEqual([]);
    await a.close();
    await b.close();
  });
});
