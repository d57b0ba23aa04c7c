import { type ModelFlow, type ModelNode, SAFEGUARDS, type Safeguard, type SafeguardKind } from "../model";
import {
  type DocFacts,
  type FileScope,
  flowsInPhase,
  isNetworkFlow,
  isSystem,
  memo,
  phaseOf,
  undecidedNetworkFlows,
} from "./facts";
import type { SourceIds } from "./types";

/**
 * The measures of a section Ⅲ risk, written the way published 評価書 write them: one bracketed heading per
 * system or place, then one line per measure —
 *   【中間サーバー・ソフトウェア】
 *   ・…
 * Measures come from the safeguards recorded on the nodes and flows relevant to the risk (the safeguard's own
 * note when it has one, else the vocabulary's label). Places with the same lines are merged (【A・B】).
 */

export interface MeasureGroup {
  heading: string;
  lines: string[];
  sources: SourceIds;
}

const HOLDER_KINDS = new Set(["store", "media", "paper", "terminal"]);

/** The nodes and flows a risk is about. */
export function riskScope(
  facts: DocFacts,
  scope: FileScope | null,
  risk: string,
): { nodes: ModelNode[]; flows: ModelFlow[] } {
  const block = risk.split(".").slice(0, 2).join(".");
  const n = Number(risk.match(/risk(\d)/)?.[1] ?? 0);
  // Only Ⅲ6 depends on the risk number (入手 1–4 vs 提供 5–7).
  const key = block === "III.6" ? `scope:${block}:${n === 0 ? "all" : n <= 4 ? "in" : "out"}` : `scope:${block}`;
  return memo(facts, scope, key, () => computeRiskScope(facts, scope, block, n));
}

function computeRiskScope(
  facts: DocFacts,
  scope: FileScope | null,
  block: string,
  n: number,
): { nodes: ModelNode[]; flows: ModelFlow[] } {
  const { index } = facts;
  let flows: ModelFlow[] = [];
  let extraNodes: ModelNode[] = [];
  const all = scope ? scope.flows : facts.doc.flows;
  const scopeNodes = () =>
    [...(scope ? scope.nodeIds : new Set(facts.doc.nodes.map((x) => x.id)))]
      .map((id) => index.nodes.get(id))
      .filter((x): x is ModelNode => !!x);
  switch (block) {
    case "III.2":
      flows = flowsInPhase(facts, scope, "acquisition").filter((f) => !isNetworkFlow(facts, f));
      break;
    case "III.3":
      flows = flowsInPhase(facts, scope, "use");
      extraNodes = scopeNodes().filter((x) => isSystem(x) || x.kind === "terminal");
      break;
    case "III.4":
      flows = flowsInPhase(facts, scope, "delegation");
      extraNodes = scopeNodes().filter((x) => x.kind === "contractor" || x.kind === "subcontractor");
      break;
    case "III.5":
      flows = flowsInPhase(facts, scope, "provision", "transfer").filter((f) => !isNetworkFlow(facts, f));
      break;
    case "III.6": {
      const inquiry = n === 0 || n <= 4;
      const provide = n === 0 || n >= 5;
      flows = [
        ...(inquiry ? flowsInPhase(facts, scope, "network_inquiry") : []),
        ...(provide ? flowsInPhase(facts, scope, "network_provision") : []),
        ...undecidedNetworkFlows(facts, scope),
      ];
      break;
    }
    case "III.7":
      flows = flowsInPhase(facts, scope, "storage", "disposal");
      extraNodes = scopeNodes().filter((x) => HOLDER_KINDS.has(x.kind) || isSystem(x) || x.kind === "disposal");
      break;
    default:
      flows = all.filter((f) => phaseOf(facts, f) !== null);
  }
  const nodes = new Map<string, ModelNode>();
  for (const f of flows)
    for (const id of [f.source, f.target]) {
      const x = index.nodes.get(id);
      if (x && x.kind !== "person") nodes.set(x.id, x);
    }
  for (const x of extraNodes) nodes.set(x.id, x);
  return { nodes: [...nodes.values()], flows };
}

const line = (s: Safeguard) => (s.note?.trim() ? s.note.trim() : SAFEGUARDS[s.kind].ja);

/** Where a flow's measure is written: under the system at one of its ends, else the end that is not the 本人. */
function flowHeading(facts: DocFacts, f: ModelFlow): string {
  const s = facts.index.nodes.get(f.source);
  const t = facts.index.nodes.get(f.target);
  const sys = [t, s].find((x) => isSystem(x) && x?.systemRole !== "info_provision_network") ?? [t, s].find(isSystem);
  const notPerson = [t, s].find((x) => x && x.kind !== "person");
  return (sys ?? notPerson ?? t ?? s)?.label ?? f.id;
}

export function measureGroups(
  facts: DocFacts,
  scope: FileScope | null,
  risk: string,
  kinds: readonly SafeguardKind[],
  filter?: (n: ModelNode) => boolean,
): MeasureGroup[] {
  const { nodes, flows } = riskScope(facts, scope, risk);
  const wanted = new Set(kinds);
  const groups = new Map<string, MeasureGroup>();
  const add = (heading: string, text: string, kind: "nodes" | "flows", id: string) => {
    let g = groups.get(heading);
    if (!g) groups.set(heading, (g = { heading, lines: [], sources: { nodes: [], flows: [] } }));
    if (!g.lines.includes(text)) g.lines.push(text);
    if (!g.sources[kind].includes(id)) g.sources[kind].push(id);
  };
  for (const x of nodes) {
    if (filter && !filter(x)) continue;
    for (const s of x.safeguards) if (wanted.has(s.kind)) add(x.label, line(s), "nodes", x.id);
  }
  for (const f of flows) {
    if (filter) {
      const ends = [facts.index.nodes.get(f.source), facts.index.nodes.get(f.target)];
      if (!ends.some((e) => e && filter(e))) continue;
    }
    for (const s of f.safeguards) if (wanted.has(s.kind)) add(flowHeading(facts, f), line(s), "flows", f.id);
  }
  // Merge places that carry exactly the same measures, as the seeds write 【A・B】.
  const merged: MeasureGroup[] = [];
  for (const g of groups.values()) {
    const same = merged.find((m) => m.lines.join("\n") === g.lines.join("\n"));
    if (same) {
      same.heading = `${same.heading}・${g.heading}`;
      same.sources.nodes.push(...g.sources.nodes);
      same.sources.flows.push(...g.sources.flows);
    } else merged.push({ ...g, sources: { nodes: [...g.sources.nodes], flows: [...g.sources.flows] } });
  }
  return merged;
}

export function formatMeasures(groups: readonly MeasureGroup[]): string {
  return groups.map((g) => [`【${g.heading}】`, ...g.lines.map((l) => `・${l}`)].join("\n")).join("\n");
}

export function mergeSources(groups: readonly { sources: SourceIds }[]): SourceIds {
  const nodes = new Set<string>();
  const flows = new Set<string>();
  for (const g of groups) {
    for (const n of g.sources.nodes) nodes.add(n);
    for (const f of g.sources.flows) flows.add(f);
  }
  return { nodes: [...nodes], flows: [...flows] };
}
