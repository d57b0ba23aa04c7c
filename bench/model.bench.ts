import { classifyFlows } from "../src/derive";
import { loadDocumentText, type NagareDocumentInput, serializeDocument } from "../src/model";
import type { BenchRow } from "./types";

/** A synthetic model of n nodes and m flows, spread over lanes. */
export function syntheticModel(n: number, m: number): NagareDocumentInput {
  const kinds = ["person", "staff", "system_own", "contractor", "agency", "department", "store", "media"] as const;
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    kind: kinds[i % kinds.length]!,
    label: `ノード${i}（テスト用の名前）`,
    position: { x: (i % 40) * 220, y: Math.floor(i / 40) * 120 },
  }));
  const transports = ["paper", "flash_memory", "intra_linkage", "email", "dedicated_line", "lgwan"] as const;
  const flows = Array.from({ length: m }, (_, j) => ({
    id: `f${j}`,
    source: `n${j % n}`,
    target: `n${(j * 7 + 1) % n}`,
    step: `${(j % 50) + 1}`,
    carriesMyNumber: j % 3 !== 0,
    transport: transports[j % transports.length]!,
    sentence: "職員が申請書の内容をシステムに入力する。",
  }));
  return { format: "nagare", schemaVersion: 3, meta: {}, nodes, flows };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [n, m] of [
    [1000, 3000],
    [10000, 30000],
  ] as const) {
    const text = JSON.stringify(syntheticModel(n, m));
    const loads: number[] = [];
    let doc = null;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = loadDocumentText(text);
      loads.push(performance.now() - t);
      if (!r.ok) throw new Error("synthetic model invalid");
      doc = r.doc;
    }
    const cls: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      classifyFlows(doc!);
      cls.push(performance.now() - t);
    }
    const ser = performance.now();
    serializeDocument(doc!);
    rows.push(
      {
        area: "model",
        name: `load+validate ${n}/${m} (${(text.length / 1e6).toFixed(1)} MB)`,
        value: median(loads),
        unit: "ms",
      },
      { area: "model", name: `classify phases ${n}/${m}`, value: median(cls), unit: "ms" },
      { area: "model", name: `serialize ${n}/${m}`, value: performance.now() - ser, unit: "ms" },
    );
  }
  return rows;
}
