import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeDocument } from "../../src/model";
import { newRenderLink, postRender, type RenderLink } from "../support/render";
import { type RunningServer, startServer } from "../support/server";
import { richFixture } from "./fixtures";

/** The diagram route through the real server process: POST /api/render/diagram. */
describe("POST /api/render/diagram", () => {
  let server: RunningServer;
  let link: RenderLink;
  beforeAll(async () => {
    server = await startServer();
    link = await newRenderLink(server);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const body = serializeDocument(richFixture());
  const post = (query: string, payload = body) => postRender(server, link, "diagram", query, payload);

  it("returns a PDF with a download name", async () => {
    const res = await post("format=pdf&paper=a3&style=mono");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(
      encodeURIComponent("都営住宅等の管理に関する事務_別添1.pdf"),
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
  }, 60_000);

  it("returns a PNG and an SVG of a selection", async () => {
    const png = await post("format=png&scale=1");
    expect(png.status).toBe(200);
    const img = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(img.width).toBeGreaterThan(1000);
    const svg = await post("format=svg&nodes=system,store&legend=false");
    expect(svg.status).toBe(200);
    const text = await svg.text();
    expect(text).toContain('data-node-id="store"');
    expect(text).not.toContain('data-node-id="person"');
    expect(text).not.toContain("凡例");
  }, 60_000);

  it("colours by findings when asked, computed on the server", async () => {
    const plain = await (await post("format=svg")).text();
    expect(plain).not.toContain("data-finding");
    const coloured = await (await post("format=svg&findings=true")).text();
    expect(coloured).toMatch(/data-finding="(red|amber|grey)"/);
  }, 60_000);

  it("answers 400 for a bad query and 422 for an invalid model, in both languages", async () => {
    const bad = await post("format=gif");
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toMatch(/format/);
    const paper = await post("format=pdf&paper=b5");
    expect(paper.status).toBe(400);
    const invalid = await post(
      "format=svg",
      JSON.stringify({ format: "nagare", schemaVersion: 2, meta: {}, nodes: [{ id: "x" }] }),
    );
    expect(invalid.status).toBe(422);
  }, 60_000);
});
