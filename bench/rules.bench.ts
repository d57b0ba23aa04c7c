import {
  loadDocumentValue,
  type NagareDocument,
  type NagareDocumentInput,
  SAFEGUARD_IDS,
  TRANSPORT_IDS,
} from "../src/model";
import { evaluateRules, RULES } from "../src/rules";
import type { BenchRow } from "./types";

/**
 * All rules over generated models of growing size. The model mixes every node kind, lanes and network
 * zones, contractor chains, stores with files, legal bases, safeguards and decisions, so that every rule
 * has work to do. Reported: median time per size and ms per 1,000 flows (flat when growth is linear).
 */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function rulesModel(n: number, m: number, seed = 42): NagareDocument {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const pos = { x: 0, y: 0 };
  const size = { width: 400, height: 400 };
  const groups: NagareDocumentInput["groups"] = [
    { id: "lane-subject", type: "lane", laneKind: "subject", label: "本人", position: pos, size },
    { id: "lane-self", type: "lane", laneKind: "self", label: "自組織", position: pos, size },
    { id: "lane-contractor", type: "lane", laneKind: "contractor", label: "委託先", position: pos, size },
    { id: "lane-external", type: "lane", laneKind: "external", label: "他機関", position: pos, size },
    {
      id: "myn",
      type: "boundary",
      boundaryKind: "mynumber_segment",
      label: "個人番号利用事務系",
      parentId: "lane-self",
      position: pos,
      size,
    },
    {
      id: "inet",
      type: "boundary",
      boundaryKind: "internet_segment",
      label: "インターネット接続系",
      parentId: "lane-self",
      position: pos,
      size,
    },
    {
      id: "site",
      type: "boundary",
      boundaryKind: "contractor_site",
      label: "委託先の作業場所",
      parentId: "lane-contractor",
      position: pos,
      size,
    },
  ];
  const kinds = [
    "person",
    "staff",
    "system_own",
    "store",
    "media",
    "paper",
    "contractor",
    "subcontractor",
    "agency",
    "department",
    "terminal",
    "network_device",
  ] as const;
  const laneOf: Record<string, string | undefined> = {
    person: "lane-subject",
    contractor: "site",
    subcontractor: "site",
    agency: "lane-external",
    paper: "site",
  };
  const files = [{ id: "file1", name: "ファイル1" }];
  const delegations = [{ id: "d1", name: "委託事項1", subcontract: r() < 0.5, subcontractApproval: "書面" }];
  const nodes = Array.from({ length: n }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const groupId = laneOf[kind] ?? (kind === "terminal" ? undefined : r() < 0.15 ? "inet" : "myn");
    return {
      id: `n${i}`,
      kind,
      label: `ノード${i}`,
      position: { x: (i % 50) * 200, y: Math.floor(i / 50) * 120 },
      ...(groupId ? { groupId } : {}),
      ...(r() < 0.3 ? { purpose: "事務に使用" } : {}),
      ...(kind === "store" && r() < 0.5 ? { fileIds: ["file1"], retention: "5年" as const } : {}),
      ...(kind === "contractor" && r() < 0.7 ? { delegationId: "d1" } : {}),
      safeguards: r() < 0.3 ? [{ kind: pick(SAFEGUARD_IDS) }] : [],
    };
  });
  const decisions: Record<string, { status: "resolved" }> = {};
  const flows = Array.from({ length: m }, (_, j) => {
    const source = `n${Math.floor(r() * n)}`;
    let target = `n${Math.floor(r() * n)}`;
    if (target === source) target = `n${(Number(source.slice(1)) + 1) % n}`;
    const roll = r();
    if (roll < 0.02) decisions[`misdelivery:f${j}`] = { status: "resolved" };
    return {
      id: `f${j}`,
      source,
      target,
      step: `${(j % 60) + 1}`,
      data: r() < 0.95 ? "申請情報" : undefined,
      carriesMyNumber: roll < 0.6 ? true : roll < 0.9 ? false : null,
      transport: r() < 0.97 ? pick(TRANSPORT_IDS) : undefined,
      safeguards: r() < 0.4 ? [{ kind: pick(SAFEGUARD_IDS) }, { kind: pick(SAFEGUARD_IDS) }] : [],
      legalBasis:
        r() < 0.5 ? [{ law: "mynumber_act" as const, article: pick(["9", "19"]), item: pick([8, 9, 11]) }] : [],
      ...(r() < 0.05 ? { isBackup: true } : {}),
      ...(r() < 0.01 ? { directionUnknown: true } : {}),
    };
  });
  const loaded = loadDocumentValue({
    format: "nagare",
    schemaVersion: 2,
    meta: { publishedOn: "2025-04-01" },
    groups,
    nodes,
    flows,
    files,
    delegations,
    decisions,
  });
  if (!loaded.ok)
    throw new Error(
      `generated model invalid: ${loaded.problems
        .slice(0, 3)
        .map((p) => `${p.path} ${p.en}`)
        .join("; ")}`,
    );
  return loaded.doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes: [number, number, number][] = [
    [1000, 3000, 9],
    [2500, 7500, 7],
    [5000, 15000, 5],
    [10000, 30000, 5],
  ];
  for (const [n, m, runs] of sizes) {
    const doc = rulesModel(n, m);
    for (let i = 0; i < 3; i++) evaluateRules(doc); // warm-up: let the JIT settle before measuring
    const times: number[] = [];
    const cpu: number[] = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      count = evaluateRules(doc).length;
      times.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    const ms = median(times);
    rows.push(
      {
        area: "rules",
        name: `all ${RULES.length} rules, ${n} nodes / ${m} flows (median of ${runs}, ${count} findings)`,
        value: ms,
        unit: "ms",
        ...(n === 1000 ? { target: "< 50" } : {}),
      },
      { area: "rules", name: `  per 1,000 flows at ${n}/${m}`, value: (ms / m) * 1000, unit: "ms" },
      {
        area: "rules",
        name: `  CPU time at ${n}/${m} (all threads, less sensitive to a busy machine)`,
        value: median(cpu),
        unit: "ms",
      },
    );
  }
  return rows;
}

const isMain = process.argv[1] && /rules\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  run().then((rows) => {
    for (const r of rows)
      console.log(`${r.name.padEnd(80)} ${r.value.toFixed(2).padStart(9)} ${r.unit} ${r.target ?? ""}`);
  });
}
