import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeDocument } from "../../src/model";
import { flow, makeDoc, node, sg } from "./graph";

/** The lint command as a user runs it: `npm run -s cli -- lint FILE`, a real child process. */
const ROOT = path.resolve(__dirname, "../..");
let dir: string;

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

/** The CLI entry point as its own process (what `npm run -s cli --` starts, without npm's start-up time). */
const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args]);
/** Exactly the documented command line. */
const npmCli = (...args: string[]) => run("npm", ["run", "-s", "cli", "--", ...args]);

const usbDoc = (safeguards: ReturnType<typeof sg>, decisions = {}) =>
  makeDoc({
    nodes: [
      node("sys", "system_own", { label: "業務システム" }),
      node("dept", "department", { label: "税務課", purpose: "課税" }),
    ],
    flows: [
      flow("f1", "sys", "dept", {
        transport: "flash_memory",
        safeguards,
        legalBasis: [{ law: "mynumber_act", article: "9", paragraph: 2 }],
      }),
    ],
    decisions,
  });

const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-lint-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("lint CLI", () => {
  it("lists findings in both languages and fails on an open critical finding", async () => {
    const file = write("usb.nagare.json", serializeDocument(usbDoc([])));
    const r = await npmCli("lint", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("media-unencrypted:f1");
    expect(r.stdout).toContain("暗号化せずに媒体で運んでいます");
    expect(r.stdout).toContain("is carried on media without encryption");
    expect(r.stdout).toContain("FAIL");
  });

  it("passes once the safeguards are in place, and --fail-on tunes the threshold", async () => {
    const file = write("safe.nagare.json", serializeDocument(usbDoc(sg("encryption", "delete_after_transfer"))));
    const r = await cli("lint", file);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("media-unencrypted:f1");
    expect(r.stdout).toContain("PASS");
    expect(r.stdout).toContain("cleared by safeguards");
    const json = JSON.parse((await cli("lint", file, "--format", "json")).stdout);
    const cleared = json.findings.find((x: { id: string }) => x.id === "media-unencrypted:f1");
    expect(cleared).toMatchObject({ status: "resolved", mitigatedBy: ["encryption"] });

    const risky = write("risky.nagare.json", serializeDocument(usbDoc(sg("encryption"))));
    expect((await cli("lint", risky)).code).toBe(1); // media-not-deleted is high
    expect((await cli("lint", risky, "--fail-on", "critical")).code).toBe(0);
    expect((await cli("lint", risky, "--fail-on=none")).code).toBe(0);
  });

  it("JSON output is stable and carries decisions", async () => {
    const decided = usbDoc([], {
      "media-unencrypted:f1": { status: "accepted", justification: "暗号化USBを貸与" },
      "media-not-deleted:f1": { status: "resolved" },
      "media-no-ledger:f1": { status: "not_applicable" },
    });
    const file = write("decided.nagare.json", serializeDocument(decided));
    const a = await cli("lint", file, "--format", "json");
    const b = await cli("lint", file, "--format", "json");
    expect(a.stdout).toBe(b.stdout);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out.format).toBe("nagare-lint");
    expect(out.version).toBe(1);
    expect(out.failOn).toBe("high");
    expect(out.failed).toBe(false);
    expect(out.rulesChecked.length).toBeGreaterThan(20);
    const f = out.findings.find((x: { id: string }) => x.id === "media-unencrypted:f1");
    expect(f).toMatchObject({
      ruleId: "media-unencrypted",
      elementKind: "flow",
      elementId: "f1",
      status: "accepted",
      severity: "critical",
    });
    expect(f.decision.justification).toBe("暗号化USBを貸与");
    expect(f.risk.ja.length).toBeGreaterThan(0);
    expect(out.summary.byStatus.accepted).toBe(1);
    expect(out.summary.byStatus.resolved).toBe(1);

    const csv = await cli("lint", file, "--format", "csv");
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith("\uFEFF")).toBe(true);
    expect(csv.stdout).toContain("media-unencrypted:f1,media-unencrypted,");
    expect(csv.stdout).toContain("暗号化USBを貸与");
  });

  it("documents its JSON format and lists the rules it checks", async () => {
    const help = await cli("lint", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('"nagare-lint"');
    expect(help.stdout).toContain("mitigatedBy");
    const rules = await cli("lint", "--rules");
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain("media-unencrypted  [risk]");
    expect(rules.stdout).toContain("cleared by: encryption | content_encryption");
  });

  it("exits 2 on usage errors and on invalid files, listing the problems", async () => {
    const none = await cli("lint");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("usage");
    const bad = await cli("lint", "x.json", "--fail-on", "severe");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--fail-on");
    const missing = await cli("lint", path.join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    const invalid = write(
      "invalid.nagare.json",
      JSON.stringify({
        format: "nagare",
        schemaVersion: 2,
        meta: {},
        nodes: [{ id: "a", kind: "spaceship", label: "x", position: { x: 0, y: 0 } }],
      }),
    );
    const r = await cli("lint", invalid);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nodes[0]");
    expect(r.stderr).toContain("invalid file");
  });
});
