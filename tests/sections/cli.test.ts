import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { serializeDocument } from "../../src/model";
import { base, build, f } from "./build";

const ROOT = path.resolve(import.meta.dirname, "../..");
const cli = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });

describe("npm run cli -- report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-report-cli-"));
  const file = path.join(dir, "doc.nagare.json");
  fs.writeFileSync(
    file,
    serializeDocument(
      build({
        kind: "focused",
        nodes: base(),
        flows: [f("a", "person", "staff", { step: "①", sentence: "申請を受け付ける。", transport: "paper" })],
      }),
    ),
  );

  it("writes every format", async () => {
    for (const format of ["docx", "html", "md", "json"]) {
      const out = path.join(dir, `out.${format}`);
      const r = cli(["report", file, "--format", format, "--out", out]);
      expect(r.status, r.stderr).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(500);
    }
    const md = fs.readFileSync(path.join(dir, "out.md"), "utf8");
    expect(md).toContain("# 特定個人情報保護評価書（重点項目評価書）");
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "out.docx")));
    expect(zip.file("word/document.xml")).not.toBeNull();
    const json = JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8"));
    expect(json.kind).toBe("focused");
  });

  it("--kind exports another 評価書 from the same model", () => {
    const r = cli(["report", file, "--format", "md", "--out", "-", "--kind", "basic"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("# 特定個人情報保護評価書（基礎項目評価書）");
    expect(r.stdout).toContain("## Ⅱ しきい値判断項目");
    const bad = cli(["report", file, "--format", "md", "--out", "-", "--kind", "zenkoumoku"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("kind must be");
  });

  it("prints text formats to stdout with --out -", () => {
    const r = cli(["report", file, "--format", "md", "--out", "-"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("重点項目評価書");
  });

  it("an invalid file exits 2 with the problems, in both languages, and writes nothing", () => {
    const bad = path.join(dir, "bad.nagare.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({ format: "nagare", schemaVersion: 2, meta: {}, nodes: [{ id: "x", kind: "nope" }] }),
    );
    const out = path.join(dir, "never.docx");
    const r = cli(["report", bad, "--format", "docx", "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("問題");
    expect(r.stderr).toContain("problem");
    expect(r.stderr).toContain("nodes");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("usage errors exit 2 and say what is wrong", () => {
    const r = cli(["report", file, "--format", "pdf", "--out", path.join(dir, "x.pdf")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("形式は");
    expect(r.stderr).toContain("format must be");
    expect(cli(["report", file]).status).toBe(2);
  });
});
