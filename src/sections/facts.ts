import { type Classification, classifyFlows, type GraphIndex, indexGraph, isRouteNode, resolveParty } from "../derive";
import type { Delegation, ModelFlow, ModelNode, NagareDocument, Phase, PiiFile, Provision } from "../model";

/**
 * Facts the sections are built from, derived once per generation: which flows and records belong to which
 * 特定個人情報ファイル, the phase of every flow, the 委託事項 and 提供先/移転先 lists (records plus flows no
 * record covers) and the section Ⅲ boxes.
 */

export interface FileScope {
  id: string;
  /** null when the document has no file yet (a stand-in so the sections still appear). */
  file: PiiFile | null;
  name: string;
  flows: ModelFlow[];
  nodeIds: Set<string>;
}

export interface DelegationEntry {
  id: string;
  record: Delegation | null;
  name: string;
  contractors: ModelNode[];
  subcontractors: ModelNode[];
  flows: ModelFlow[];
}

export interface ProvisionEntry {
  id: string;
  kind: "provision" | "transfer";
  record: Provision | null;
  recipient: string;
  flows: ModelFlow[];
  /** Only through the 情報提供ネットワークシステム (listed in Ⅱ5, not counted for Ⅲ5). */
  network: boolean;
  /** Set when the flows end in a route with no recipient drawn behind it: the route's label. */
  unnamedVia?: string;
}

/** How many 提供先 / 移転先 an entry stands for: the rows of its list, else the recorded count, else one. */
export function recipientCount(p: ProvisionEntry): number {
  if (p.record?.recipients.length) return p.record.recipients.length;
  return p.record?.recipientCount ?? 1;
}

/** An entry printed as a 別紙 (a list of recipients or a count without the list). */
export const hasAnnex = (p: ProvisionEntry) =>
  !!p.record && (p.record.recipients.length > 0 || p.record.recipientCount !== undefined);

export interface AnnexEntry {
  /** 1-based 別紙 number, in the order the entries appear in Ⅱ5 (files, then 提供 before 移転). */
  number: number;
  entry: ProvisionEntry;
}

/** The 別紙 of the document: one per provision record with a list (or only a count), numbered in Ⅱ5 order. */
export function annexes(facts: DocFacts): AnnexEntry[] {
  return memo(facts, null, "annexes", () => {
    const out: AnnexEntry[] = [];
    const seen = new Set<string>();
    for (const scope of facts.files)
      for (const kind of ["provision", "transfer"] as const)
        for (const e of provisionEntries(facts, scope))
          if (e.kind === kind && hasAnnex(e) && !seen.has(e.id)) {
            seen.add(e.id);
            out.push({ number: out.length + 1, entry: e });
          }
    return out;
  });
}

export interface DocFacts {
  doc: NagareDocument;
  index: GraphIndex;
  classes: Map<string, Classification>;
  /** 公表日 (or today) for citations. */
  date: string | null;
  files: FileScope[];
  systems: ModelNode[];
  /** Derived lists per file, computed once per generation (many items ask for the same ones). */
  cache: Map<string, unknown>;
}

/** Computes a derived value once per facts object, file scope and key. */
export function memo<T>(facts: DocFacts, scope: FileScope | null, key: string, fn: () => T): T {
  const k = `${scope?.id ?? "*"}|${key}`;
  if (facts.cache.has(k)) return facts.cache.get(k) as T;
  const v = fn();
  facts.cache.set(k, v);
  return v;
}

const SYSTEM_KINDS = new Set(["system_own", "system_external"]);
export const isSystem = (n: ModelNode | undefined) => !!n && SYSTEM_KINDS.has(n.kind);

export function phaseOf(facts: DocFacts, flow: ModelFlow): Phase | null {
  return facts.classes.get(flow.id)?.phase ?? null;
}

export function isNetworkFlow(facts: DocFacts, flow: ModelFlow): boolean {
  const c = facts.classes.get(flow.id);
  if (c?.phase === "network_inquiry" || c?.phase === "network_provision") return true;
  if (c?.rule === "network") return true;
  const s = facts.index.nodes.get(flow.source);
  const t = facts.index.nodes.get(flow.target);
  return (
    flow.transport === "info_provision_network" ||
    s?.systemRole === "info_provision_network" ||
    t?.systemRole === "info_provision_network"
  );
}

/**
 * The systems of Ⅰ2, as the published 評価書 list them (東京都 都営住宅, 昭島市 住民基本台帳, 豊中市 子ども医療費):
 * - a system this 事務 runs (its own, or run for it by a contractor) that holds the 特定個人情報ファイル
 *   (`fileIds`) or handles the 個人番号 (an end of a flow marked `carriesMyNumber`);
 * - the shared platforms the 事務 is connected to: 団体内統合宛名システム, 中間サーバー, マイナポータル, and the
 *   body's own 住基ネット equipment (市町村CS, 都道府県サーバ) even when another department runs it.
 * Not listed: systems whose flows never carry the 個人番号 (都住システム, 戸籍システム, 法務省連携システム), the
 * 庁内連携システム and the 情報提供ネットワークシステム (they are ③ 接続 boxes, not systems of the 事務), other
 * departments' business and tax systems, and other bodies' servers (全国サーバ, 個人番号カード管理システム).
 * Until someone marks a flow as carrying the 個人番号, every system the 事務 runs is listed.
 */
const CONNECTION_ROLES = new Set(["info_provision_network", "intra_linkage"]);
const PLATFORM_ROLES = new Set(["atena", "middle_server", "mynaportal"]);

function listedSystems(doc: NagareDocument, index: GraphIndex): ModelNode[] {
  const handlesNumber = new Set<string>();
  const touched = new Set<string>();
  for (const f of doc.flows) {
    touched.add(f.source);
    touched.add(f.target);
    if (f.carriesMyNumber !== true) continue;
    handlesNumber.add(f.source);
    handlesNumber.add(f.target);
  }
  const marked = handlesNumber.size > 0;
  return doc.nodes.filter((n) => {
    if (!isSystem(n) || (n.systemRole && CONNECTION_ROLES.has(n.systemRole))) return false;
    const party = resolveParty(index, n).party;
    const handles = n.fileIds.length > 0 || handlesNumber.has(n.id) || !marked;
    // The 中間サーバー and マイナポータル exchange 符号 and applications rather than the 個人番号 itself.
    if (n.systemRole && PLATFORM_ROLES.has(n.systemRole)) return handles || touched.has(n.id);
    if (n.systemRole === "juki_net") return handles && (party === "self" || party === "self_department");
    return handles && (party === "self" || party === "contractor" || party === "subcontractor");
  });
}

export function buildFacts(doc: NagareDocument, today?: string): DocFacts {
  const index = indexGraph(doc);
  const classes = classifyFlows(doc, index);
  const single = doc.files.length <= 1;
  const scopes: FileScope[] = (doc.files.length ? doc.files : [null]).map((file) => ({
    id: file?.id ?? "file",
    file,
    name: file?.name ?? "",
    flows: [],
    nodeIds: new Set<string>(),
  }));
  const byId = new Map(scopes.map((s) => [s.id, s]));
  for (const n of doc.nodes) {
    const targets = single || n.fileIds.length === 0 ? [] : n.fileIds;
    if (single) for (const s of scopes) s.nodeIds.add(n.id);
    for (const f of targets) byId.get(f)?.nodeIds.add(n.id);
  }
  for (const flow of doc.flows) {
    let ids: string[];
    if (single) ids = scopes.map((s) => s.id);
    else if (flow.fileIds.length) ids = flow.fileIds;
    else {
      const ends = [index.nodes.get(flow.source), index.nodes.get(flow.target)];
      ids = [...new Set(ends.flatMap((n) => n?.fileIds ?? []))];
      // A flow nobody has assigned yet belongs to every file rather than to none: it must not vanish.
      if (ids.length === 0) ids = scopes.map((s) => s.id);
    }
    for (const id of ids) {
      const s = byId.get(id);
      if (!s) continue;
      s.flows.push(flow);
      s.nodeIds.add(flow.source);
      s.nodeIds.add(flow.target);
    }
  }
  const systems = listedSystems(doc, index);
  return { doc, index, classes, date: doc.meta.publishedOn ?? today ?? null, files: scopes, systems, cache: new Map() };
}

const inFile = (scope: FileScope | null, fileIds: readonly string[], facts: DocFacts) =>
  !scope || facts.doc.files.length <= 1 || fileIds.length === 0 || fileIds.includes(scope.id);

export function flowsOf(facts: DocFacts, scope: FileScope | null): ModelFlow[] {
  return scope ? scope.flows : facts.doc.flows;
}

export function flowsInPhase(facts: DocFacts, scope: FileScope | null, ...phases: Phase[]): ModelFlow[] {
  return memo(facts, scope, `phase:${phases.join(",")}`, () =>
    flowsOf(facts, scope).filter((f) => {
      const p = phaseOf(facts, f);
      return p !== null && phases.includes(p);
    }),
  );
}

/** Network flows whose direction (照会 or 提供) nobody has set yet. */
export function undecidedNetworkFlows(facts: DocFacts, scope: FileScope | null): ModelFlow[] {
  return flowsOf(facts, scope).filter((f) => phaseOf(facts, f) === null && isNetworkFlow(facts, f));
}

/** Flows whose phase the graph cannot tell for another reason (owner unknown, direction unknown …). */
export function undecidedOtherFlows(facts: DocFacts, scope: FileScope | null): ModelFlow[] {
  return flowsOf(facts, scope).filter((f) => {
    if (phaseOf(facts, f) !== null || isNetworkFlow(facts, f)) return false;
    const c = facts.classes.get(f.id);
    return c?.rule !== "outside";
  });
}

export function delegationEntries(facts: DocFacts, scope: FileScope | null): DelegationEntry[] {
  return memo(facts, scope, "delegations", () => computeDelegationEntries(facts, scope));
}

function computeDelegationEntries(facts: DocFacts, scope: FileScope | null): DelegationEntry[] {
  const { doc, index } = facts;
  const entries: DelegationEntry[] = [];
  const flows = flowsInPhase(facts, scope, "delegation");
  const contractorOf = (f: ModelFlow) => {
    for (const id of [f.target, f.source]) {
      const n = index.nodes.get(id);
      if (!n) continue;
      const p = resolveParty(index, n).party;
      if (p === "contractor" || p === "subcontractor") return n;
    }
    return undefined;
  };
  const claimed = new Set<string>();
  for (const d of doc.delegations) {
    if (!inFile(scope, d.fileIds, facts)) continue;
    const contractors = doc.nodes.filter((n) => n.delegationId === d.id && n.kind !== "subcontractor");
    const subcontractors = doc.nodes.filter(
      (n) =>
        n.delegationId === d.id && (n.kind === "subcontractor" || resolveParty(index, n).party === "subcontractor"),
    );
    const mine = flows.filter((f) => f.delegationId === d.id || contractorOf(f)?.delegationId === d.id);
    for (const f of mine) claimed.add(f.id);
    entries.push({
      id: d.id,
      record: d,
      name: d.name,
      contractors: contractors.filter((n) => !subcontractors.includes(n)),
      subcontractors,
      flows: mine,
    });
  }
  // Delegation flows that no 委託事項 record covers: one entry per contractor, to be completed by a person.
  const byContractor = new Map<string, ModelFlow[]>();
  for (const f of flows) {
    if (claimed.has(f.id)) continue;
    const c = contractorOf(f);
    const key = c?.id ?? f.id;
    const list = byContractor.get(key) ?? [];
    list.push(f);
    byContractor.set(key, list);
  }
  for (const [key, list] of byContractor) {
    const c = index.nodes.get(key);
    entries.push({
      id: `flow-${key}`,
      record: null,
      name: c ? c.label : "",
      contractors: c ? [c] : [],
      subcontractors: [],
      flows: list,
    });
  }
  return entries;
}

const networkOnly = (methods: readonly string[]) =>
  methods.length > 0 && methods.every((m) => m === "info_provision_network");

export function provisionEntries(facts: DocFacts, scope: FileScope | null): ProvisionEntry[] {
  return memo(facts, scope, "provisions", () => computeProvisionEntries(facts, scope));
}

const RECIPIENT_PARTIES = new Set(["external", "self_other_organ", "self_department"]);

/**
 * Where a flow's data ends up for Ⅱ5: its target, unless the target is a route (network, 中間サーバー, 宛名,
 * 庁内連携 …) or, for a network provision, our own side (a request coming in). Then the flow is a hop and the
 * recipients are the ones the route leads to.
 */
function isRecipientFlow(facts: DocFacts, f: ModelFlow): boolean {
  const t = facts.index.nodes.get(f.target);
  if (!t || isRouteNode(facts.index, t)) return false;
  if (phaseOf(facts, f) !== "network_provision") return true;
  const p = resolveParty(facts.index, t).party;
  return p !== null && RECIPIENT_PARTIES.has(p);
}

/** Whether a hop reaches a recipient through routes only (breadth-first over the provision flows). */
function hopReachesRecipient(facts: DocFacts, hop: ModelFlow, flows: readonly ModelFlow[]): boolean {
  const bySource = new Map<string, ModelFlow[]>();
  for (const f of flows) {
    const list = bySource.get(f.source) ?? [];
    list.push(f);
    bySource.set(f.source, list);
  }
  const seen = new Set<string>([hop.target]);
  const queue = [hop.target];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const f of bySource.get(id) ?? []) {
      if (isRecipientFlow(facts, f)) return true;
      const t = facts.index.nodes.get(f.target);
      if (!seen.has(f.target) && isRouteNode(facts.index, t)) {
        seen.add(f.target);
        queue.push(f.target);
      }
    }
  }
  return false;
}

/** The body a recipient node stands for: one 提供先 per body (or per 事務 for a 移転), however many boxes. */
const recipientKey = (n: ModelNode | undefined, id: string) => n?.owner?.name?.trim() || n?.label || id;

function computeProvisionEntries(facts: DocFacts, scope: FileScope | null): ProvisionEntry[] {
  const { doc, index } = facts;
  const flows = flowsInPhase(facts, scope, "provision", "transfer", "network_provision");
  const entries: ProvisionEntry[] = [];
  const claimed = new Set<string>();
  for (const p of doc.provisions) {
    if (!inFile(scope, p.fileIds, facts)) continue;
    const mine = flows.filter(
      (f) =>
        f.provisionId === p.id || (!f.provisionId && p.recipientNodeId !== undefined && f.target === p.recipientNodeId),
    );
    for (const f of mine) claimed.add(f.id);
    const methods = p.methods.length ? p.methods : mine.map((f) => f.transport ?? "other");
    const network =
      networkOnly(methods) || (mine.length > 0 && mine.every((f) => phaseOf(facts, f) === "network_provision"));
    entries.push({ id: p.id, kind: p.kind, record: p, recipient: p.recipient, flows: mine, network });
  }
  const byRecipient = new Map<string, { kind: "provision" | "transfer"; target: string; list: ModelFlow[] }>();
  const deadEnds = new Map<string, { kind: "provision" | "transfer"; route: string; list: ModelFlow[] }>();
  for (const f of flows) {
    if (claimed.has(f.id)) continue;
    const phase = phaseOf(facts, f);
    const kind = phase === "transfer" ? "transfer" : "provision";
    if (!isRecipientFlow(facts, f)) {
      // A hop: its recipients are listed where the route leads; a route that leads nowhere is a gap to name.
      if (!isRouteNode(index, index.nodes.get(f.target)) || hopReachesRecipient(facts, f, flows)) continue;
      const key = `${kind}:${f.target}`;
      const e = deadEnds.get(key) ?? { kind, route: f.target, list: [] };
      e.list.push(f);
      deadEnds.set(key, e);
      continue;
    }
    const t = index.nodes.get(f.target);
    const key = `${kind}:${recipientKey(t, f.target)}`;
    const e = byRecipient.get(key) ?? { kind, target: f.target, list: [] };
    e.list.push(f);
    byRecipient.set(key, e);
  }
  for (const { kind, target, list } of byRecipient.values()) {
    const t = index.nodes.get(target);
    const network = list.every((f) => phaseOf(facts, f) === "network_provision");
    entries.push({
      id: `flow-${target}-${kind}`,
      kind,
      record: null,
      recipient: t?.owner?.name?.trim() || t?.label || "",
      flows: list,
      network,
    });
  }
  for (const { kind, route, list } of deadEnds.values()) {
    const network = list.every((f) => phaseOf(facts, f) === "network_provision");
    entries.push({
      id: `flow-${route}-${kind}`,
      kind,
      record: null,
      recipient: "",
      flows: list,
      network,
      unnamedVia: index.nodes.get(route)?.label ?? route,
    });
  }
  return entries;
}

/** The section Ⅲ boxes for one file (or the whole document when scope is null). */
export interface SectionFlags {
  delegationNone: boolean;
  provisionNone: boolean;
  networkNoAcquire: boolean;
  networkNoProvide: boolean;
  /** Flows that make a box uncertain (a person must decide). */
  uncertain: {
    delegationNone: ModelFlow[];
    provisionNone: ModelFlow[];
    networkNoAcquire: ModelFlow[];
    networkNoProvide: ModelFlow[];
  };
  evidence: {
    delegation: ModelFlow[];
    provision: ModelFlow[];
    networkInquiry: ModelFlow[];
    networkProvision: ModelFlow[];
  };
}

export function sectionFlags(facts: DocFacts, scope: FileScope | null): SectionFlags {
  return memo(facts, scope, "flags", () => computeSectionFlags(facts, scope));
}

function computeSectionFlags(facts: DocFacts, scope: FileScope | null): SectionFlags {
  const scopes = scope ? [scope] : facts.files;
  const delegations = scopes.flatMap((s) => delegationEntries(facts, s));
  const provisions = scopes.flatMap((s) => provisionEntries(facts, s));
  const delegationFlows = flowsInPhase(facts, scope, "delegation");
  const nonNetwork = provisions.filter((p) => !p.network);
  const provisionFlows = flowsInPhase(facts, scope, "provision", "transfer");
  const inquiry = flowsInPhase(facts, scope, "network_inquiry");
  const netProvision = flowsInPhase(facts, scope, "network_provision");
  const networkRecords = provisions.some((p) => p.network && p.record !== null);
  const undecidedNet = undecidedNetworkFlows(facts, scope);
  const undecidedOther = undecidedOtherFlows(facts, scope);
  const performed = facts.doc.meta.networkLinkage.performed;
  const noNetwork = performed === "no";
  return {
    delegationNone: delegations.length === 0 && delegationFlows.length === 0,
    provisionNone: nonNetwork.length === 0 && provisionFlows.length === 0,
    networkNoAcquire: inquiry.length === 0 && (undecidedNet.length === 0 || noNetwork),
    networkNoProvide: netProvision.length === 0 && !networkRecords && (undecidedNet.length === 0 || noNetwork),
    uncertain: {
      delegationNone: undecidedOther,
      provisionNone: undecidedOther,
      networkNoAcquire: noNetwork ? [] : undecidedNet,
      networkNoProvide: noNetwork ? [] : undecidedNet,
    },
    evidence: {
      delegation: delegationFlows,
      provision: provisionFlows,
      networkInquiry: inquiry,
      networkProvision: netProvision,
    },
  };
}
