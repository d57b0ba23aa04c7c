import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { loadDocumentText, type NagareDocument } from "../src/model";
import { ydocFromModel } from "../src/sync/doc-shape";
import { listTemplates } from "../src/templates/catalog";
import { insertBlock } from "../src/templates/insert-block";
import { layoutDocument, layoutInputOf } from "../src/templates/layout";
import type { BenchRow } from "./types";

/** Templates: laying out the largest template again, listing the gallery, inserting a building block. */

function load(id: string): NagareDocument {
  const r = loadDocumentText(fs.readFileSync(`templates/${id}.nagare.json`, "utf8"));
  if (!r.ok) throw new Error(`template ${id} does not load`);
  return r.doc;
}

async function median(times: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

export async function run(): Promise<BenchRow[]> {
  const doc = load("akishima-juki");
  const input = layoutInputOf(doc);
  const layoutMs = await median(5, () => layoutDocument(structuredClone(doc), input));
  const listMs = await median(5, () => listTemplates());
  const insertMs = await median(20, () => insertBlock(ydocFromModel(doc), doc, "network_linkage"));
  return [
    {
      area: "templates",
      name: `layout of 昭島市 (${doc.nodes.length} nodes, ${doc.flows.length} flows)`,
      value: layoutMs,
      unit: "ms",
      target: "< 3000",
    },
    { area: "templates", name: "listTemplates (5 files, with thumbnails)", value: listMs, unit: "ms", target: "< 500" },
    {
      area: "templates",
      name: "insert a building block into a 40-node document",
      value: insertMs,
      unit: "ms",
      target: "< 50",
      note: "validation of the whole document included",
    },
  ];
}
