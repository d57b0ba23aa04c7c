import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { smallJimu } from "../model/fixtures";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("cli classify", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-cls-")), "small.nagare.json");
  fs.writeFileSync(file, JSON.stringify(smallJimu()));

  it("prints each flow's phase in JSON, in step order, with the undecided ones as null", async () => {
    const r = await cli("classify", file, "--format", "json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { flow: string; step: string; phase: string | null; rule: string }[];
    expect(rows.map((x) => x.step)).toEqual(["①", "②", "③", "④", "⑤", "⑥", "⑦"]);
    expect(rows.find((x) => x.flow === "f4")).toMatchObject({ phase: "delegation", rule: "delegation" });
    expect(rows.find((x) => x.flow === "f7")).toMatchObject({ phase: null, rule: "owner_unknown" });
  });

  it("explains in text, lists the rule table, and refuses bad input with exit 2", async () => {
    const text = await cli("classify", file);
    expect(text.stdout).toMatch(/委託 \/ Delegation/);
    expect(text.stdout).toMatch(/1 of 7 flows undetermined/);
    const rules = await cli("classify", "--rules");
    expect(rules.stdout).toMatch(/^manual/m);
    expect((await cli("classify", "/nonexistent.json")).code).toBe(2);
    expect((await cli("classify")).code).toBe(2);
  });
});
