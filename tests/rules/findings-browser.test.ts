import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openLocalEditor } from "../canvas/helpers";
import { liveServerAndBrowser } from "../support/live";

/**
 * The findings in the real app: draw a USB transfer between two systems, see the edge turn red, add the
 * encryption and deletion safeguards in the inspector and see it turn green; then use the
 * findings panel and the risk grid. Real server process, real Chromium.
 */
const RED = "rgb(201, 42, 42)"; // #c92a2a, the canvas colour of a critical/high finding
const GREEN = "rgb(47, 158, 68)"; // #2f9e44: every finding on the element resolved

const env = liveServerAndBrowser();

async function addSystem(page: Page, x: number, y: number, label: string) {
  const pane = page.locator(".react-flow__pane");
  const box = (await pane.boundingBox())!;
  await page.mouse.dblclick(box.x + x, box.y + y);
  // A new node opens its label for editing.
  const editor = page.locator(".react-flow__node input, .react-flow__node textarea").first();
  await editor.waitFor();
  await editor.fill(label);
  await editor.press("Enter");
  await page.getByTestId(`node-${label}`).waitFor();
}

async function connect(page: Page, from: string, to: string) {
  const src = page
    .locator(".react-flow__node", { has: page.getByTestId(`node-${from}`) })
    .locator(".handle-source")
    .nth(1);
  const dst = page
    .locator(".react-flow__node", { has: page.getByTestId(`node-${to}`) })
    .locator(".handle-target")
    .nth(3);
  const a = (await src.boundingBox())!;
  const b = (await dst.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Ticks a checkbox bound to the shared document (it shows the new state once the model has it). */
async function tick(box: Locator) {
  await box.click();
  await until(() => box.isChecked()).toBe(true);
}

const text = (l: Locator) => l.first().textContent();

/** Polls generously: the machine running the tests may be busy, and findings are recomputed after a debounce. */
const until = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

const edgeStroke = (page: Page) =>
  page
    .locator(".flow-edge path.react-flow__edge-path")
    .first()
    .evaluate((el) => getComputedStyle(el).stroke);

describe("findings in the editor", () => {
  it("a USB transfer turns red, and green once encrypted and deleted after transfer", async () => {
    const { context, page, errors } = await openLocalEditor(env.browser, env.server.url, { width: 1400, height: 900 });

    await addSystem(page, 200, 250, "業務システム");
    await addSystem(page, 650, 250, "受入システム");
    await connect(page, "業務システム", "受入システム");
    await until(() => page.locator(".flow-edge").count()).toBe(1);

    // The new flow is selected: describe it in the inspector as a USB transfer of 特定個人情報.
    const inspector = page.getByTestId("inspector-flow");
    await inspector.waitFor();
    await inspector.locator('[data-field="transport"] select').selectOption("flash_memory");
    await inspector.locator('[data-field="carriesMyNumber"] select').selectOption("yes");
    await inspector.locator('[data-field="data"] input').fill("住民情報");
    await until(() => edgeStroke(page)).toBe(RED);

    // The findings panel lists the media findings for this flow.
    await page.getByTestId("tab-findings").click();
    const panel = page.getByTestId("findings-panel");
    await until(() => panel.locator("[data-finding^='media-unencrypted:']").count()).toBe(1);
    await until(() => panel.locator("[data-finding^='media-not-deleted:']").count()).toBe(1);

    // Jump back to the flow from its finding, then add the two safeguards.
    await panel.locator("[data-finding^='media-unencrypted:'] .risk-finding-title").click();
    await inspector.waitFor();
    const safeguards = inspector.locator('[data-field="safeguards"]');
    await tick(safeguards.getByLabel("暗号化", { exact: true }));
    await until(() => edgeStroke(page)).toBe(RED); // still not deleted after transfer
    await tick(safeguards.getByLabel("連携後直ちに削除", { exact: true }));
    await until(() => edgeStroke(page)).toBe(GREEN);

    await page.getByTestId("tab-findings").click();
    await until(() => panel.locator("[data-finding^='media-']").count()).toBe(0);
    // Under 対応済み they are listed as cleared by the safeguards.
    await panel.getByTestId("findings-filter-status").selectOption("resolved");
    await until(() => panel.locator("[data-finding^='media-'] .risk-mitigated").count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a decision from the findings panel is written to the document and survives a rename", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/local`);
    await page.locator(".react-flow__pane").waitFor();
    await addSystem(page, 200, 250, "送信システム");
    await addSystem(page, 650, 250, "受信システム");
    await connect(page, "送信システム", "受信システム");
    const inspector = page.getByTestId("inspector-flow");
    await inspector.locator('[data-field="transport"] select').selectOption("flash_memory");
    await inspector.locator('[data-field="carriesMyNumber"] select').selectOption("yes");

    await page.getByTestId("tab-findings").click();
    const panel = page.getByTestId("findings-panel");
    const item = panel.locator("[data-finding^='media-unencrypted:']");
    await item.waitFor();
    // 許容 needs a reason; without one nothing is recorded.
    await item.locator("[data-decide='accepted']").click();
    await item.getByRole("button", { name: "許容として記録" }).click();
    await until(() => text(item.getByRole("alert"))).toContain("理由");
    // Typed as a bullet: in the CSV it must stay text, not become a formula.
    await item.locator("textarea").fill("- 暗号化機能付きUSBのみを貸与している");
    await item.getByRole("button", { name: "許容として記録" }).click();
    // Open findings are shown by default: the accepted one leaves the list, and shows under 許容.
    await until(() => panel.locator("[data-finding^='media-unencrypted:']").count()).toBe(0);
    await panel.getByTestId("findings-filter-status").selectOption("accepted");
    await until(() => text(panel.locator("[data-finding^='media-unencrypted:']"))).toContain("暗号化機能付きUSB");
    await until(() => text(panel.locator("[data-finding^='media-unencrypted:'] .risk-decided"))).toContain("記録");

    // One click records the measure on the flow; the rule then clears the finding itself.
    await panel.getByTestId("findings-filter-status").selectOption("open");
    const notDeleted = panel.locator("[data-finding^='media-not-deleted:']");
    await notDeleted.locator("[data-add='delete_after_transfer']").click();
    await until(() => notDeleted.count()).toBe(0);
    await panel.getByTestId("findings-filter-status").selectOption("accepted");

    // The list can be saved as CSV for Excel, decisions included.
    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByTestId("findings-csv").click()]);
    const csv = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        let data = "";
        stream.on("data", (c) => (data += c));
        stream.on("end", () => resolve(data));
        stream.on("error", reject);
      }, reject);
    });
    expect(download.suggestedFilename()).toBe("findings.csv");
    expect(csv).toContain(`"'- 暗号化機能付きUSBのみを貸与している"`);

    // Rename a node: the finding's id does not change, so the decision stays.
    await page.getByTestId("node-受信システム").dblclick();
    const editor = page.locator(".react-flow__node input, .react-flow__node textarea").first();
    await editor.fill("受入サーバ");
    await editor.press("Enter");
    await page.getByTestId("node-受入サーバ").waitFor();
    await page.getByTestId("tab-findings").click();
    await panel.getByTestId("findings-filter-status").selectOption("accepted");
    await until(() => text(panel.locator("[data-finding^='media-unencrypted:']"))).toContain("受入サーバ");

    // The risk grid counts the open findings and suggests 「十分か」 per リスク.
    await page.getByTestId("tab-risk-map").click();
    const map = page.getByTestId("risk-map");
    // The copying risk has one 許容 and measures in place, nothing open: 十分, with the reason.
    await until(() => text(map.locator("tr[data-risk='III.3.risk4'] td[data-suggest]"))).toContain("十分である");
    expect(await text(map.locator("tr[data-risk='III.3.risk4'] td[data-suggest]"))).toContain("許容");
    // The receiving system has no declared use (目的を超えた紐付け): 課題, and its cell highlights that node only.
    await until(() => text(map.locator("tr[data-risk='III.3.risk1'] td[data-suggest]"))).toContain(
      "課題が残されている",
    );
    await map.locator("tr[data-risk='III.3.risk1'] td.has button").first().click();
    await until(() => page.locator(".is-dim[data-testid^='node-']").count()).toBe(1);
    expect(await page.locator(".is-dim[data-testid='node-受入サーバ']").count()).toBe(0);
    await until(() => page.locator(".flow-edge.is-dim").count()).toBe(1);

    // English switch: the same findings, in English.
    await page.getByRole("button", { name: "English", exact: true }).click();
    await page.getByTestId("tab-findings").click();
    await until(() => text(page.getByTestId("tab-findings"))).toBe("Findings");
    await until(() => text(panel.locator("[data-finding^='data-minimisation:'] .risk-finding-title"))).toBe(
      "Recipient with no declared use",
    );
    await context.close();
  });
});
