/**
 * Regenerates the published-assessment templates (templates/*.nagare.json) from the structured readings of the
 * seed 評価書, and a digest of those readings (tests/templates/reading-digest.json) that the tests compare the
 * templates with. Run: npx tsx src/templates/build/main.ts
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadDocumentText, serializeDocument } from "../../model";
import { layoutDocument } from "../layout";
import { applyPhases, modelFromReading, type TemplateSpec } from "./core";
import { digestReading } from "./digest";
import { loadReading, type Reading } from "./reading";
import { spec000 } from "./specs/s000-osaka";
import { spec001 } from "./specs/s001-tokyo";
import { spec002 } from "./specs/s002-sakai";
import { spec003 } from "./specs/s003-toyonaka";
import { spec004 } from "./specs/s004-akishima";

const SPECS: [string, (r: Reading) => TemplateSpec][] = [
  ["001", spec001],
  ["002", spec002],
  ["000", spec000],
  ["003", spec003],
  ["004", spec004],
];

async function main() {
  const outDir = path.resolve(process.argv[2] ?? "templates");
  const digestFile = path.resolve("tests/templates/reading-digest.json");
  fs.mkdirSync(outDir, { recursive: true });
  const digest: Record<string, unknown> = {};
  for (const [seed, make] of SPECS) {
    const reading = loadReading(seed);
    const spec = make(reading);
    const { doc, report } = modelFromReading(reading, spec);
    await layoutDocument(doc, { lanes: spec.lanes, boundaries: spec.boundaries });
    applyPhases(doc, reading, spec, report);
    const text = serializeDocument(doc);
    const check = loadDocumentText(text);
    if (!check.ok) throw new Error(`${spec.id}: ${check.problems.map((p) => `${p.path}: ${p.ja}`).join("\n")}`);
    const file = path.join(outDir, `${spec.id}.nagare.json`);
    fs.writeFileSync(file, text);
    digest[spec.id] = digestReading(reading, report);
    console.log(
      `${spec.id}: ${doc.nodes.length} nodes, ${doc.flows.length} flows, ${doc.groups.length} groups; ` +
        `phase set on ${report.manualPhases} flows, transport unset on ${report.unsetTransports}` +
        (report.droppedSteps.length ? `, steps dropped: ${report.droppedSteps.join(" ")}` : ""),
    );
  }
  fs.writeFileSync(digestFile, `${JSON.stringify(digest, null, 2)}\n`);
  // The digest lives among the tests, which the formatter checks: write it in the formatter's style.
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/@biomejs/biome/bin/biome"), "format", "--write", digestFile],
    {
      stdio: "ignore",
    },
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
