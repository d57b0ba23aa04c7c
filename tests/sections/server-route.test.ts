import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeDocument } from "../../src/model";
import { newRenderLink, postRender, type RenderLink } from "../support/render";
import { type RunningServer, startServer } from "../support/server";
import { base, build, f } from "./build";

/** The 評価書 route through the real server process: POST /api/render/report. */
describe("POST /api/render/report", () => {
  let server: RunningServer;
  let link: RenderLink;
  beforeAll(async () => {
    server = await startServer();
    link = await newRenderLink(server);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const body = serializeDocument(
    build({
      title: "子ども医療費",
      kind: "focused",
      nodes: base(),
      flows: [f("a", "person", "staff", { step: "①", sentence: "申請を受け付ける。", transport: "paper" })],
      answers: { "III.9.2": { value: "年1回の研修", confirmed: true } },
    }),
  );
  const post = (query: string, payload = body) => postRender(server, link, "report", query, payload);

  it("returns the Word file with a download name, including the answers", async () => {
    const res = await post("format=docx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("子ども医療費_評価書.docx"));
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("年1回の研修");
    expect(xml).toContain("申請を受け付ける。");
  }, 60_000);

  it("returns HTML, Markdown and JSON", async () => {
    const html = await post("format=html");
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("重点項目評価書");
    const md = await post("format=md");
    expect(await md.text()).toContain("# 特定個人情報保護評価書（重点項目評価書）");
    const json = await (await post("format=json")).json();
    expect(json.kind).toBe("focused");
    const full = await (await post("format=json&kind=full")).json();
    expect(full.kind).toBe("full");
    expect((await post("format=json&kind=nope")).status).toBe(400);
  }, 60_000);

  it("answers 400 for an unknown format and 422 for an invalid model, in both languages", async () => {
    const bad = await post("format=pdf");
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("format は");
    expect(text).toContain("format must be");
    const invalid = await post(
      "format=docx",
      JSON.stringify({ format: "nagare", schemaVersion: 2, meta: {}, nodes: [{ id: 1 }] }),
    );
    expect(invalid.status).toBe(422);
  }, 60_000);
});
