import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { serializeDocument } from "../../src/model";
import { evaluateRules, findingsCsv } from "../../src/rules";
import { flow, makeDoc, node, sg } from "./graph";

/** Parses the CSV this module writes (RFC 4180 quoting) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  while (i < text.length) {
    let value = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        value += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i += value.length;
    }
    row.push(value);
    if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else i++;
  }
  return rows;
}

const DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+2", "- 暗号化USBのみ貸与", "@SUM(A1)", "\t=1", "\r=1", "＝１＋１"];

const docWith = (label: string, justification: string) =>
  makeDoc({
    nodes: [node("sys", "system_own", { label }), node("dept", "department", { label: "税務課", purpose: "課税" })],
    flows: [
      flow("f1", "sys", "dept", {
        transport: "flash_memory",
        safeguards: sg(),
        legalBasis: [{ law: "mynumber_act", article: "9", paragraph: 2 }],
      }),
    ],
    decisions: { "media-unencrypted:f1": { status: "accepted", justification, by: "=cmd|' /C calc'!A0" } },
  });

describe("CSV findings export is safe to open in a spreadsheet", () => {
  it("every cell that would start a formula begins with an apostrophe; nothing else changes", () => {
    for (const bad of DANGEROUS) {
      const rows = parseCsv(findingsCsv(evaluateRules(docWith(bad, bad))));
      const cells = rows.flat();
      expect(cells.filter((c) => /^[=+\-@\t\r＝＋－＠]/.test(c))).toEqual([]);
      const row = rows.find((r) => r[0] === "media-unencrypted:f1");
      expect(row?.[16]).toBe(`'${bad}`); // 理由, the user's own words, kept after the apostrophe
      expect(row?.[17]).toBe("'=cmd|' /C calc'!A0");
    }
    // Ordinary text is left as it was.
    const plain = parseCsv(findingsCsv(evaluateRules(docWith("業務システム", "暗号化USBを貸与"))));
    expect(plain.find((r) => r[0] === "media-unencrypted:f1")?.[16]).toBe("暗号化USBを貸与");
  });

  it("the lint command's CSV is neutralised the same way", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-csv-"));
    try {
      const file = path.join(dir, "inj.nagare.json");
      fs.writeFileSync(file, serializeDocument(docWith("=1+2", "@SUM(A1)")));
      let out = "";
      const code = await runCli(["lint", file, "--format", "csv", "--fail-on", "none"], {
        out: (s) => (out += s),
        err: () => {},
      });
      expect(code).toBe(0);
      const cells = parseCsv(out).flat();
      expect(cells).toContain("'@SUM(A1)");
      expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
      expect(out).toContain("=1+2"); // the label is still there, inside a sentence or after an apostrophe
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
