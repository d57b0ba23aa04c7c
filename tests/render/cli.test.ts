import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { XMLValidator } from "fast-xml-parser";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { serializeDocument } from "../../src/model";
import { richFixture } from "./fixtures";
import { ROOT } from "./helpers";

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-diagram-cli-"));
const model = path.join(tmp, "rich.nagare.json");
fs.writeFileSync(model, serializeDocument(richFixture()));

async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "diagram", ...args], {
      cwd: ROOT,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("cli diagram", () => {
  it("writes an SVG", async () => {
    const out = path.join(tmp, "d.svg");
    const r = await cli(model, "--format", "svg", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("d.svg");
    const svg = fs.readFileSync(out, "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain("入居者データベース");
    expect(svg).toContain("凡例");
  }, 60_000);

  it("writes a mono SVG without legend, taking the format from the file name", async () => {
    const out = path.join(tmp, "mono.svg");
    const r = await cli(model, "--out", out, "--mono", "--no-legend");
    expect(r.code).toBe(0);
    const svg = fs.readFileSync(out, "utf8");
    expect(svg).not.toContain("凡例");
    expect(svg).not.toContain("#1f3b57");
  }, 60_000);

  it("colours by findings with --findings", async () => {
    const out = path.join(tmp, "findings.svg");
    const r = await cli(model, "--out", out, "--findings");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/data-finding="(red|amber|grey)"/);
  }, 60_000);

  it("writes a PNG at the chosen scale", async () => {
    const out = path.join(tmp, "d.png");
    const r = await cli(model, "--format", "png", "--out", out, "--scale", "1");
    expect(r.code).toBe(0);
    const png = PNG.sync.read(fs.readFileSync(out));
    const svg = fs.readFileSync(path.join(tmp, "d.svg"), "utf8");
    expect(png.width).toBe(Number(/width="(\d+)"/.exec(svg)?.[1]));
  }, 60_000);

  it("writes an A3 PDF", async () => {
    const out = path.join(tmp, "d.pdf");
    const r = await cli(model, "--format", "pdf", "--out", out, "--paper", "a3");
    expect(r.code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("exits 2 with the validation problems for an invalid file, and writes nothing", async () => {
    const bad = path.join(tmp, "bad.nagare.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({
        format: "nagare",
        schemaVersion: 2,
        meta: {},
        nodes: [{ id: "a", kind: "robot", label: "x", position: { x: 0, y: 0 } }],
        flows: [{ id: "f", source: "a", target: "zz" }],
      }),
    );
    const out = path.join(tmp, "bad.svg");
    const r = await cli(bad, "--format", "svg", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nodes[0]");
    expect(r.stderr).toMatch(/問題/);
    expect(r.stderr).toMatch(/problem/);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);

  it("exits 2 on bad arguments, in both languages", async () => {
    const noOut = await cli(model, "--format", "svg");
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out");
    const badFormat = await cli(model, "--format", "gif", "--out", path.join(tmp, "x.gif"));
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/形式.*format must be/s);
    const badPaper = await cli(model, "--out", path.join(tmp, "x.pdf"), "--paper", "b5");
    expect(badPaper.code).toBe(2);
    const missing = await cli(path.join(tmp, "nope.json"), "--out", path.join(tmp, "x.svg"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/読めません/);
  }, 60_000);
});
