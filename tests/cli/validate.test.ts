import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { smallJimu } from "../model/fixtures";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-cli-"));

async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
      cwd: ROOT,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function write(name: string, value: unknown): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
}

describe("cli validate / schema", () => {
  it("exits 0 for a valid file and says what it holds", async () => {
    const r = await cli("validate", write("ok.nagare.json", smallJimu()));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OK/);
    expect(r.stdout).toMatch(/流れ 7/);
  });

  it("exits 1 and lists every problem with its path in both languages", async () => {
    const doc = smallJimu();
    doc.flows![0]!.target = "ghost";
    // biome-ignore lint/suspicious/noExplicitAny: invalid enum on purpose
    (doc.flows![1] as any).transport = "carrier pigeon";
    const r = await cli("validate", write("bad.nagare.json", doc));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('flows[0] (id "f1").target');
    expect(r.stdout).toContain('flows[1] (id "f2").transport');
    expect(r.stdout).toMatch(/存在しないノード "ghost"/);
    expect(r.stdout).toMatch(/does not exist/);
  });

  it("exits 1 for a file that cannot be read or is not JSON, and 2 without arguments", async () => {
    expect((await cli("validate", path.join(tmp, "missing.json"))).code).toBe(1);
    const notJson = await cli("validate", write("x.json", "{oops"));
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toMatch(/JSON/);
    expect((await cli("validate")).code).toBe(2);
  });

  it("prints a JSON Schema that describes the format", async () => {
    const r = await cli("schema");
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.format.const).toBe("nagare");
    expect(schema.properties.flows.items.properties.transport.enum).toContain("flash_memory");
    expect(schema.properties.nodes.items.required).toEqual(expect.arrayContaining(["id", "kind", "label", "position"]));
  });
});
