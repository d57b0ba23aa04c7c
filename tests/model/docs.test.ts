import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PHASE_RULES } from "../../src/derive";
import { NODE_KIND_IDS, SAFEGUARD_IDS, TRANSPORT_IDS } from "../../src/model";

// The format document is read by vendors who automate Nagare: it must name every value the schema allows.
describe("docs/file-format.md", () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/file-format.md"), "utf8");
  it("lists every node kind, transport, safeguard and phase rule", () => {
    for (const id of [...NODE_KIND_IDS, ...TRANSPORT_IDS, ...SAFEGUARD_IDS]) expect(doc).toContain(`\`${id}\``);
    for (const r of PHASE_RULES) expect(doc).toContain(`\`${r.id}\``);
  });
});
