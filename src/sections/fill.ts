import { resolveParty } from "../derive";
import {
  type AssessmentKind,
  EXTERNAL_BODY_TYPES,
  type LegalBasis,
  type ModelFlow,
  type ModelNode,
  POPULATION_BANDS,
  PPC_METHODS,
  type PpcMethod,
  profileAnswerText,
  type SafeguardKind,
  SYSTEM_ROLES,
  TRANSPORTS,
  type TransportId,
} from "../model";
import type { Finding } from "../rules/types";
import { changesItem } from "./changes/table";
import {
  annexes,
  type DelegationEntry,
  type DocFacts,
  delegationEntries,
  type FileScope,
  flowsInPhase,
  isSystem,
  type ProvisionEntry,
  provisionEntries,
  recipientCount,
  sectionFlags,
} from "./facts";
import {
  ACQUISITION_METHOD_CHOICES,
  CONNECTION_CHOICES,
  DELEGATION_METHOD_CHOICES,
  type FormDef,
  MAIN_RECORD_ITEM_CHOICES,
  PROVISION_METHOD_CHOICES,
  PROVISION_PRESENCE_CHOICES,
  RISK_SAFEGUARDS,
  RISK_TITLES,
  SOURCE_CHOICES,
  TRANSFER_METHOD_CHOICES,
} from "./form";
import { citeLegalBasesOnDate } from "./legal-basis-catalog";
import { formatMeasures, measureGroups, mergeSources, riskScope } from "./measures";
import { incidentPast3Years, systemMeasures, thresholdMeta } from "./profile";
import { recordItemsAppendix, recordItemsBand, recordItemsCategories } from "./record-items";
import { stepLines } from "./steps";
import { findingsInScope, suggestSufficiencyFor } from "./sufficiency";
import { decideThreshold, THRESHOLD_RESULTS } from "./threshold";
import type { CheckMark, GenerateOptions, ItemState, SourceIds, TableRow } from "./types";

/** Everything a filler may look at for one item. */
export interface FillContext {
  facts: DocFacts;
  kind: AssessmentKind;
  file: FileScope | null;
  system?: ModelNode;
  delegation?: DelegationEntry;
  provision?: ProvisionEntry;
  findings: Finding[];
  opts: GenerateOptions;
}

export interface FillResult {
  value?: string;
  checks?: CheckMark[];
  rows?: TableRow[];
  header?: string[];
  choices?: readonly string[];
  state: ItemState;
  sources?: SourceIds;
  note?: { ja: string; en: string };
  /** The profile item that gave (part of) the value. */
  fromProfile?: string;
}

type Filler = (c: FillContext, def: FormDef) => FillResult;

const fromFlows = (flows: readonly ModelFlow[]): SourceIds => ({
  nodes: [...new Set(flows.flatMap((f) => [f.source, f.target]))],
  flows: flows.map((f) => f.id),
});
const txt = (value: string | undefined | null, state: ItemState = "meta", sources?: SourceIds): FillResult =>
  value?.trim() ? { value: value.trim(), state, ...(sources ? { sources } : {}) } : { value: "", state: "missing" };
const choice = (value: string | undefined | null, state: ItemState = "meta"): FillResult =>
  value ? { value, state } : { value: "", state: "missing" };
const lines = (items: readonly string[]) => [...new Set(items.filter((s) => s.trim()))];

function marks(choices: readonly string[], picked: Map<string, Set<string>>): CheckMark[] {
  return choices.map((label) => {
    const details = picked.get(label);
    const detail = details?.size ? [...details].filter(Boolean).join("、") : undefined;
    return { label, checked: picked.has(label), ...(detail ? { detail } : {}) };
  });
}
const pick = (m: Map<string, Set<string>>, label: string, detail?: string) => {
  let s = m.get(label);
  if (!s) m.set(label, (s = new Set()));
  if (detail) s.add(detail);
};

const nodeName = (n: ModelNode) => n.owner?.name?.trim() || n.label;

/**
 * A transport in the vocabulary of a PPC check-box list. What the list lacks goes to その他 with the channel's
 * name in the 評価書's words (住民基本台帳ネットワークシステム, FAX …), each once; a channel drawn as 「その他」 is
 * named by its transport note, and without one the words in the parentheses are still to be written.
 */
function methodMarks(
  transports: readonly (TransportId | undefined)[],
  choices: readonly string[],
  notes: readonly (string | undefined)[] = [],
): { checks: CheckMark[]; unknown: boolean; unnamed: boolean } {
  const m = new Map<string, Set<string>>();
  let unknown = false;
  let unnamed = false;
  transports.forEach((t, i) => {
    if (!t) {
      unknown = true;
      return;
    }
    const def = TRANSPORTS[t];
    const label = PPC_METHODS[def.ppc as PpcMethod].ja;
    if (def.ppc !== "other" && choices.includes(label)) pick(m, label);
    else if (t !== "other") pick(m, "その他", def.ja);
    else {
      const name = notes[i]?.trim();
      if (!name) unnamed = true;
      pick(m, "その他", name);
    }
  });
  return { checks: marks(choices, m), unknown, unnamed };
}

const METHOD_GAPS = {
  unknown: { ja: "手段（紙・専用線など）が未設定の流れがあります", en: "some flows have no transport" },
  unnamed: {
    ja: "手段が「その他」で名称のない流れがあります（流れの「手段の補足」に名称を書いてください）",
    en: "some flows use 「その他」 without naming the channel (write it in the flow's transport note)",
  },
};

/** The state and note of a method check-box item from the gaps found. */
function methodResult(
  r: { checks: CheckMark[]; unknown: boolean; unnamed: boolean },
  sources: SourceIds,
  ok: ItemState = "graph",
): FillResult {
  const gaps = [r.unknown ? METHOD_GAPS.unknown : null, r.unnamed ? METHOD_GAPS.unnamed : null].filter(
    (g): g is { ja: string; en: string } => g !== null,
  );
  return {
    checks: r.checks,
    value: "",
    state: gaps.length ? "missing" : ok,
    sources,
    ...(gaps.length ? { note: { ja: gaps.map((g) => g.ja).join("／"), en: gaps.map((g) => g.en).join("; ") } } : {}),
  };
}

function bracketLines(entries: readonly { heading: string; text: string }[]): string {
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    const list = groups.get(e.heading) ?? [];
    if (!list.includes(e.text)) list.push(e.text);
    groups.set(e.heading, list);
  }
  return [...groups]
    .map(([h, ls]) => [`【${h}】`, ...ls.map((l) => (l.startsWith("・") ? l : `・${l}`))].join("\n"))
    .join("\n");
}

// ---------------------------------------------------------------- Ⅰ and the cover

function connections(c: FillContext): FillResult {
  const sys = c.system;
  if (!sys) return { state: "missing", value: "" };
  const { index } = c.facts;
  const m = new Map<string, Set<string>>();
  const flows = [...(index.outgoing.get(sys.id) ?? []), ...(index.incoming.get(sys.id) ?? [])];
  const used: ModelFlow[] = [];
  for (const f of flows) {
    const other = index.nodes.get(f.source === sys.id ? f.target : f.source);
    if (f.transport === "info_provision_network") pick(m, SYSTEM_ROLES.info_provision_network.ja);
    if (f.transport === "intra_linkage") pick(m, SYSTEM_ROLES.intra_linkage.ja);
    if (!other || !isSystem(other)) {
      if (f.transport === "info_provision_network" || f.transport === "intra_linkage") used.push(f);
      continue;
    }
    used.push(f);
    const role = other.systemRole;
    const label = role ? SYSTEM_ROLES[role].ja : "";
    if (role && CONNECTION_CHOICES.includes(label as never) && role !== "other") pick(m, label);
    else pick(m, "その他", other.label);
  }
  const sources = fromFlows(used);
  sources.nodes = [...new Set([sys.id, ...sources.nodes])];
  return { checks: marks(CONNECTION_CHOICES, m), value: "", state: "graph", sources };
}

/** 大阪市長 → 大阪市, 東京都知事 → 東京都: the declaration names the body, not its head. */
const bodyName = (organization: string) =>
  /^(.*?[都道府県市区町村])(長|知事)$/.exec(organization.trim())?.[1] ?? organization.trim();

const DECLARATION = (org: string, jimu: string) =>
  `${org}は、${jimu}における特定個人情報ファイルの取扱いに当たり、特定個人情報の不適正な取扱いが個人のプライバシー等の権利利益に影響を及ぼしかねないことを認識し、特定個人情報の漏えいその他の事態を発生させるリスクを分析した上で、そのリスクを軽減させるための適切な措置を講じ、もって個人のプライバシー等の権利利益の保護に取り組んでいることを宣言する。`;

function appendixSteps(c: FillContext): FillResult {
  const steps = stepLines(c.facts.doc);
  const rows: TableRow[] = steps.map((l) => ({
    cells: [l.step, l.text],
    sources: { nodes: l.nodeIds, flows: l.flowIds },
  }));
  if (!rows.length) return { rows: [], header: ["番号", "内容"], value: "", state: "missing" };
  return {
    rows,
    header: ["番号", "内容"],
    value: "",
    state: "graph",
    sources: { nodes: [...new Set(steps.flatMap((l) => l.nodeIds))], flows: steps.flatMap((l) => l.flowIds) },
  };
}

// ---------------------------------------------------------------- Ⅱ 入手

function acquisitionFlows(c: FillContext) {
  return flowsInPhase(c.facts, c.file, "acquisition", "network_inquiry");
}

const isNetworkNode = (n: ModelNode | undefined) => n?.systemRole === "info_provision_network";
/** Parties on the 評価実施機関's own side of the network (its departments and contractors). */
const OWN_SIDE = new Set(["self", "self_department", "contractor", "subcontractor"]);

/**
 * The 情報照会先 of the file's network inquiries: the bodies drawn on the far side of the 情報提供ネットワーク
 * システム (a flow from them to the network, or the network forwarding an inquiry to them), in inquiry flows.
 */
function inquiryPartners(c: FillContext): ModelNode[] {
  const { index } = c.facts;
  const found = new Map<string, ModelNode>();
  for (const f of flowsInPhase(c.facts, c.file, "network_inquiry")) {
    const s = index.nodes.get(f.source);
    const t = index.nodes.get(f.target);
    const partner = isNetworkNode(t) ? s : isNetworkNode(s) ? t : undefined;
    if (!partner || isNetworkNode(partner)) continue;
    const party = resolveParty(index, partner).party;
    if (!OWN_SIDE.has(party ?? "") || partner.owner?.bodyType) found.set(partner.id, partner);
  }
  return [...found.values()];
}

function acquisitionSources(c: FillContext): FillResult {
  const { index } = c.facts;
  const m = new Map<string, Set<string>>();
  const unknown: string[] = [];
  const unknownPartners: string[] = [];
  const flows = acquisitionFlows(c);
  let viaNetwork = false;
  const pickBody = (n: ModelNode, name: string) => {
    const body = n.owner?.bodyType;
    if (!body) return false;
    const label = EXTERNAL_BODY_TYPES[body].ja;
    pick(m, SOURCE_CHOICES.includes(label as never) ? label : "その他", name);
    return true;
  };
  for (const f of flows) {
    const src = index.nodes.get(f.source);
    if (!src) continue;
    const party = resolveParty(index, src).party;
    const inquiry = c.facts.classes.get(f.id)?.phase === "network_inquiry";
    if (inquiry && (isNetworkNode(src) || OWN_SIDE.has(party ?? ""))) {
      // A hop of the answer (network → 中間サーバー → 業務システム): the 入手元 is the 情報照会先 behind the network.
      viaNetwork = true;
      continue;
    }
    if (!inquiry && party === "subject") pick(m, SOURCE_CHOICES[0]);
    else if (!inquiry && party === "self_department") pick(m, SOURCE_CHOICES[1], nodeName(src));
    else if (!inquiry && party === "self_other_organ") pick(m, SOURCE_CHOICES[3], nodeName(src));
    else if (pickBody(src, src.owner?.name ?? src.label)) continue;
    else if (inquiry) unknownPartners.push(src.label);
    else unknown.push(src.label);
  }
  if (viaNetwork) {
    for (const p of inquiryPartners(c)) if (!pickBody(p, p.owner?.name ?? p.label)) unknownPartners.push(p.label);
  }
  if (!flows.length) return { checks: marks(SOURCE_CHOICES, m), value: "", state: "missing" };
  const sources = fromFlows(flows);
  const partnersMissing = viaNetwork && inquiryPartners(c).length === 0;
  if (unknown.length || unknownPartners.length || partnersMissing) {
    const ja: string[] = [];
    const en: string[] = [];
    if (unknown.length) {
      ja.push(`入手元の種類（行政機関・地方公共団体・民間事業者等）が未設定：${lines(unknown).join("、")}`);
      en.push(`kind of source body not set: ${lines(unknown).join(", ")}`);
    }
    if (unknownPartners.length) {
      ja.push(
        `情報照会先の団体の種類（行政機関・地方公共団体等）が未設定：${lines(unknownPartners).join("、")}（ノードの「所有者」で設定）`,
      );
      en.push(
        `kind of body not set for the inquiry partners: ${lines(unknownPartners).join(", ")} (set the node's owner)`,
      );
    }
    if (partnersMissing) {
      ja.push(
        "情報提供ネットワークシステムを通じた入手の情報照会先が描かれていません：照会先の機関を情報提供ネットワークシステムにつなぎ、団体の種類を設定してください",
      );
      en.push(
        "the bodies queried through the information provision network are not drawn: connect them to the network and set their kind of body",
      );
    }
    return {
      checks: marks(SOURCE_CHOICES, m),
      value: "",
      state: "missing",
      sources,
      note: { ja: ja.join("／"), en: en.join("; ") },
    };
  }
  return { checks: marks(SOURCE_CHOICES, m), value: "", state: "graph", sources };
}

function acquisitionMethods(c: FillContext): FillResult {
  const flows = acquisitionFlows(c);
  if (!flows.length) return { checks: marks(ACQUISITION_METHOD_CHOICES, new Map()), value: "", state: "missing" };
  const transports = flows.map(
    (f) =>
      f.transport ?? (c.facts.classes.get(f.id)?.phase === "network_inquiry" ? "info_provision_network" : undefined),
  );
  const r = methodMarks(
    transports,
    ACQUISITION_METHOD_CHOICES,
    flows.map((f) => f.transportNote),
  );
  return methodResult(r, fromFlows(flows));
}

function acquisitionTiming(c: FillContext): FillResult {
  const flows = acquisitionFlows(c).filter((f) => f.frequency);
  if (!flows.length) return { value: "", state: "missing" };
  const { nodes } = c.facts.index;
  const text = bracketLines(
    flows.map((f) => ({ heading: `入手元：${nodes.get(f.source)?.label ?? ""}`, text: f.frequency ?? "" })),
  );
  return { value: text, state: "graph", sources: fromFlows(flows) };
}

/** ⑧使用方法 suggested from the use steps of the drawing, written under the system where each happens. */
function useMethod(c: FillContext): FillResult {
  const { nodes } = c.facts.index;
  const flows = flowsInPhase(c.facts, c.file, "use").filter((f) => f.sentence?.trim() || f.data?.trim());
  if (!flows.length) return { value: "", state: "missing" };
  const entries = flows.map((f) => {
    const s = nodes.get(f.source);
    const t = nodes.get(f.target);
    const place = [t, s].find((x) => isSystem(x)) ?? t ?? s;
    const text = f.sentence?.trim() || `${s?.label ?? ""}から${t?.label ?? ""}へ${f.data}を渡す。`;
    return { heading: place?.label ?? "", text: `${f.step ? `${f.step} ` : ""}${text}` };
  });
  return {
    value: bracketLines(entries),
    state: "suggested",
    sources: fromFlows(flows),
    note: { ja: "図の「使用」の手順からの提案です", en: "suggested from the use steps of the drawing" },
  };
}

// ---------------------------------------------------------------- Ⅱ 委託

function delegationMethods(c: FillContext): FillResult {
  const d = c.delegation;
  if (!d) return { value: "", state: "missing" };
  if (d.record?.methods.length) {
    const { checks } = methodMarks(d.record.methods, DELEGATION_METHOD_CHOICES);
    return { checks, value: "", state: "meta", sources: fromFlows(d.flows) };
  }
  // Only what goes to the contractor counts as 提供方法; fall back to every flow of the delegation.
  const { index } = c.facts;
  const outbound = d.flows.filter((f) => {
    const t = index.nodes.get(f.target);
    const p = t ? resolveParty(index, t).party : null;
    return p === "contractor" || p === "subcontractor";
  });
  const flows = outbound.length ? outbound : d.flows;
  if (!flows.length) return { checks: marks(DELEGATION_METHOD_CHOICES, new Map()), value: "", state: "missing" };
  const r = methodMarks(
    flows.map((f) => f.transport),
    DELEGATION_METHOD_CHOICES,
    flows.map((f) => f.transportNote),
  );
  return methodResult(r, fromFlows(flows));
}

const delegationSources = (d: DelegationEntry): SourceIds => ({
  nodes: [...new Set([...d.contractors, ...d.subcontractors].map((n) => n.id).concat(fromFlows(d.flows).nodes))],
  flows: d.flows.map((f) => f.id),
});

/** 委託事項 whose 委託先 is not on the drawing: the records and the canvas disagree, so the count is 要確認. */
function undrawnDelegations(c: FillContext): Pick<FillResult, "state" | "note"> {
  const undrawn = delegationEntries(c.facts, c.file).filter(
    (e) => e.record && e.contractors.length === 0 && e.subcontractors.length === 0 && e.flows.length === 0,
  );
  if (!undrawn.length) return { state: "graph" };
  const names = undrawn.map((e) => `「${e.name}」`).join("、");
  return {
    state: "suggested",
    note: {
      ja: `委託先が図にない委託事項があります：${names}。委託先を描いて委託事項に結び付けるか、委託していなければ委託事項を削除してください`,
      en: `委託事項 with no contractor on the drawing: ${names}. Draw and link the contractor, or delete the 委託事項`,
    },
  };
}

/** ⑤ 再委託の許諾方法 and ⑥ 再委託事項 are written only for a 委託事項 that is 再委託する (記載要領). */
function subcontractDetail(c: FillContext, value: string | undefined): FillResult {
  const d = c.delegation;
  if (value?.trim()) return txt(value);
  if (d?.record?.subcontract === false && d.subcontractors.length === 0)
    return {
      value: "",
      state: "graph",
      note: { ja: "「再委託しない」のため記入不要", en: "not filled: no subcontracting" },
    };
  return { value: "", state: "missing" };
}

// ---------------------------------------------------------------- Ⅱ 提供・移転

function provisionMethods(c: FillContext): FillResult {
  const p = c.provision;
  if (!p) return { value: "", state: "missing" };
  const choices = p.kind === "transfer" ? TRANSFER_METHOD_CHOICES : PROVISION_METHOD_CHOICES;
  if (p.record?.methods.length) {
    const { checks } = methodMarks(p.record.methods, choices);
    return { checks, value: "", state: "meta", sources: fromFlows(p.flows) };
  }
  if (!p.flows.length) return { checks: marks(choices, new Map()), value: "", state: "missing" };
  const transports = p.flows.map(
    (f) =>
      f.transport ?? (c.facts.classes.get(f.id)?.phase === "network_provision" ? "info_provision_network" : undefined),
  );
  const r = methodMarks(
    transports,
    choices,
    p.flows.map((f) => f.transportNote),
  );
  return methodResult(r, fromFlows(p.flows));
}

function provisionPresence(c: FillContext): FillResult {
  const entries = provisionEntries(c.facts, c.file);
  // The 様式 counts recipients (one per body or 事務), not boxes or arrows: a list behind one box counts its rows.
  const count = (kind: "provision" | "transfer") =>
    entries.filter((e) => e.kind === kind).reduce((n, e) => n + recipientCount(e), 0);
  const prov = count("provision");
  const tr = count("transfer");
  const checks: CheckMark[] = [
    { label: PROVISION_PRESENCE_CHOICES[0], checked: prov > 0, detail: `(${prov || ""}) 件` },
    { label: PROVISION_PRESENCE_CHOICES[1], checked: tr > 0, detail: `(${tr || ""}) 件` },
    { label: PROVISION_PRESENCE_CHOICES[2], checked: prov + tr === 0 },
  ];
  const flows = entries.flatMap((e) => e.flows);
  const value = prov + tr === 0 ? "行っていない" : `提供を行っている (${prov}) 件、移転を行っている (${tr}) 件`;
  return { checks, value, state: "graph", sources: fromFlows(flows) };
}

/** Legal bases cited with the numbering of the 公表日; a stored number of the other era is 要確認. */
function citedBases(
  bases: readonly LegalBasis[],
  c: FillContext,
  context: "network" | null,
  state: ItemState,
): FillResult {
  if (!bases.length) return { value: "", state: "missing" };
  const { value, note } = citeLegalBasesOnDate(bases, c.facts.date, context);
  if (!value.trim()) return { value: "", state: "missing" };
  return note ? { value, state: "suggested", note } : { value, state };
}

function provisionBasis(c: FillContext): FillResult {
  const p = c.provision;
  if (!p) return { value: "", state: "missing" };
  const bases = p.record?.legalBasis.length ? p.record.legalBasis : p.flows.flatMap((f) => f.legalBasis);
  const unique = bases.filter((b, i) => bases.findIndex((x) => JSON.stringify(x) === JSON.stringify(b)) === i);
  if (!unique.length) return { value: "", state: "missing", sources: fromFlows(p.flows) };
  const { value, note } = citeLegalBasesOnDate(unique, c.facts.date, p.network ? "network" : null);
  return {
    value,
    state: note ? "suggested" : p.record?.legalBasis.length ? "meta" : "graph",
    sources: fromFlows(p.flows),
    ...(note ? { note } : {}),
  };
}

/** A recipient that stands for a list refers to its 別紙 (unless its own words already do). */
export function recipientTitle(c: FillContext, p: ProvisionEntry): string {
  const n = annexNumber(c, p);
  if (n === null || /別紙/.test(p.recipient)) return p.recipient;
  return `${p.recipient}（別紙${n}参照）`;
}

/** The 別紙 number of a provision entry, when it has one. */
export function annexNumber(c: FillContext, p: ProvisionEntry): number | null {
  return annexes(c.facts).find((a) => a.entry.id === p.id)?.number ?? null;
}

const ANNEX_HEADER = {
  provision: ["提供先", "法令上の根拠", "提供する情報", "提供方法", "時期・頻度"],
  transfer: ["移転先", "法令上の根拠", "移転する情報", "移転方法", "時期・頻度"],
};

/** 別紙N 提供先一覧 / 移転先一覧: the rows of the list, or 要記入 where only the count is recorded. */
function annexTable(c: FillContext): FillResult {
  const p = c.provision;
  if (!p?.record) return { value: "", state: "missing" };
  const header = ANNEX_HEADER[p.kind];
  const rows: TableRow[] = p.record.recipients.map((r) => ({
    cells: [r.name, r.basis ?? "", r.information ?? "", r.method ?? "", r.timing ?? ""],
  }));
  const w = p.kind === "transfer" ? "移転先" : "提供先";
  if (!rows.length)
    return {
      rows,
      header,
      value: `${w} ${p.record.recipientCount ?? 0} 件（一覧は未入力）`,
      state: "missing",
      note: {
        ja: `${w}の件数（${p.record.recipientCount ?? 0} 件）だけが記録されています。一覧を提供・移転の記録に入力するか、貼り付けてください`,
        en: `only the number of recipients (${p.record.recipientCount ?? 0}) is recorded: enter or paste the list`,
      },
    };
  const blanks = rows.filter((r) => r.cells.some((x) => !x.trim())).length;
  return {
    rows,
    header,
    value: "",
    state: blanks ? "suggested" : "meta",
    ...(blanks
      ? {
          note: {
            ja: `空欄のある行が ${blanks} 行あります`,
            en: `${blanks} row(s) have empty cells`,
          },
        }
      : {}),
  };
}

// ---------------------------------------------------------------- Ⅱ 保管

function holders(c: FillContext): ModelNode[] {
  const { index, doc } = c.facts;
  const ids = c.file ? c.file.nodeIds : new Set(doc.nodes.map((n) => n.id));
  const fileId = c.file?.file?.id;
  return [...ids]
    .map((id) => index.nodes.get(id))
    .filter((n): n is ModelNode => !!n)
    .filter((n) => n.kind === "store" || (fileId !== undefined && n.fileIds.includes(fileId) && n.kind !== "person"));
}

const STORAGE_KINDS: readonly SafeguardKind[] = [
  "locked_storage",
  "surveillance",
  "encryption",
  "backup",
  "access_control",
];

function storageLocation(c: FillContext): FillResult {
  if (c.file?.file?.storageLocation?.trim()) return txt(c.file.file.storageLocation);
  const nodes = holders(c);
  if (!nodes.length) return { value: "", state: "missing" };
  const entries = nodes.flatMap((n) => {
    const own = n.safeguards.filter((s) => STORAGE_KINDS.includes(s.kind)).map((s) => s.note?.trim() || "");
    const first = `${n.label}に保管する。`;
    return [first, ...own.filter(Boolean)].map((text) => ({ heading: n.label, text }));
  });
  return { value: bracketLines(entries), state: "graph", sources: { nodes: nodes.map((n) => n.id), flows: [] } };
}

function deletionText(c: FillContext): FillResult {
  if (c.file?.file?.deletionMethod?.trim()) return txt(c.file.file.deletionMethod);
  const nodes = holders(c).filter((n) => n.deletionMethod?.trim());
  if (!nodes.length) return { value: "", state: "missing" };
  return {
    value: bracketLines(nodes.map((n) => ({ heading: n.label, text: n.deletionMethod ?? "" }))),
    state: "graph",
    sources: { nodes: nodes.map((n) => n.id), flows: [] },
  };
}

// ---------------------------------------------------------------- Ⅲ

function flag(key: "delegationNone" | "provisionNone" | "networkNoAcquire" | "networkNoProvide"): Filler {
  return (c) => {
    const flags = sectionFlags(c.facts, c.file);
    const uncertain = flags.uncertain[key];
    const evidence = {
      delegationNone: flags.evidence.delegation,
      provisionNone: flags.evidence.provision,
      networkNoAcquire: flags.evidence.networkInquiry,
      networkNoProvide: flags.evidence.networkProvision,
    }[key];
    if (flags[key] && uncertain.length)
      return {
        value: "false",
        state: "missing",
        sources: fromFlows(uncertain),
        note: {
          ja: `区分が決まらない流れがあるため判断できません（${uncertain.length} 件）。流れの区分を指定してください`,
          en: `${uncertain.length} flow(s) without a phase: set their phase to decide this box`,
        },
      };
    if (
      !flags[key] &&
      (key === "networkNoAcquire" || key === "networkNoProvide") &&
      uncertain.length &&
      !evidence.length
    )
      return {
        value: "false",
        state: "missing",
        sources: fromFlows(uncertain),
        note: {
          ja: "情報提供ネットワークシステムとの流れが照会（入手）か提供か決まっていません。流れの区分を指定してください",
          en: "a flow with the information provision network is neither set as inquiry nor as provision",
        },
      };
    return { value: String(flags[key]), state: "graph", sources: fromFlows(evidence) };
  };
}

function measuresFiller(
  filter?: (n: ModelNode) => boolean,
  extra?: (c: FillContext) => { heading: string; text: string }[],
): Filler {
  return (c, def) => {
    const risk = def.risk ?? "";
    const groups = measureGroups(c.facts, c.file, risk, def.safeguards ?? [], filter);
    const more = extra ? extra(c) : [];
    const text = [formatMeasures(groups), more.length ? bracketLines(more) : ""].filter(Boolean).join("\n");
    if (!text) return { value: "", state: "missing" };
    return { value: text, state: "graph", sources: mergeSources(groups) };
  };
}

/**
 * Ⅲ7⑤⑥ 具体的な対策の内容: the organisation's own words (the profile's general text and the measures of the
 * systems that hold the file), then the safeguards drawn.
 */
function systemMeasuresFiller(field: "physical" | "technical"): Filler {
  const drawn = measuresFiller();
  return (c, def) => {
    const fromGraph = drawn(c, def);
    const general = profileAnswerText(
      c.opts.profile,
      field === "physical" ? "security.physicalDetail" : "security.technicalDetail",
    );
    const perSystem = systemMeasures(c.opts.profile, c.facts.systems, c.file, field);
    if (!general && !perSystem.length) return fromGraph;
    const parts = [general ?? "", perSystem.length ? bracketLines(perSystem) : "", fromGraph.value ?? ""];
    return {
      value: parts.filter(Boolean).join("\n"),
      state: "meta",
      fromProfile: perSystem.length
        ? "systems"
        : field === "physical"
          ? "security.physicalDetail"
          : "security.technicalDetail",
      ...(fromGraph.sources ? { sources: fromGraph.sources } : {}),
    };
  };
}

/** その内容 / 再発防止策: the document's words; 「－」 when there was no incident; else 要記入 (or the profile). */
function incidentText(c: FillContext, own: string | undefined): FillResult {
  if (own?.trim()) return { value: own.trim(), state: "meta" };
  const happened = incidentPast3Years(c.facts.doc.meta, c.opts.profile);
  if (happened && !happened.value) return { value: "－", state: "meta" };
  return { value: "", state: "missing" };
}

function presenceFiller(c: FillContext, def: FormDef): FillResult {
  const groups = measureGroups(c.facts, c.file, def.risk ?? "", def.safeguards ?? []);
  const choices = def.choices ?? [];
  if (groups.length) return { value: choices[0] ?? "", state: "graph", sources: mergeSources(groups) };
  // The absence of a drawn safeguard is not the absence of a measure: a person answers.
  return { value: "", state: "missing" };
}

function sufficiencyFiller(c: FillContext, def: FormDef): FillResult {
  const risks = def.gathers?.length ? def.gathers : def.risk ? [def.risk] : [];
  const scoped = findingsInScope(c.facts, c.file, c.findings);
  const s = suggestSufficiencyFor(scoped, risks, c.opts.suggestSufficiency);
  const related = s.open;
  return {
    value: s.value,
    state: "suggested",
    note: { ja: s.ja, en: s.en },
    sources: {
      nodes: related.filter((f) => f.elementKind === "node").map((f) => f.elementId),
      flows: related.filter((f) => f.elementKind === "flow").map((f) => f.elementId),
    },
  };
}

function otherRisks(c: FillContext, def: FormDef): FillResult {
  const blocks: string[] = [];
  const sources: SourceIds[] = [];
  for (const r of def.gathers ?? []) {
    const groups = measureGroups(c.facts, c.file, r, [...(RISK_SAFEGUARDS[r] ?? [])]);
    if (!groups.length) continue;
    blocks.push(`【リスク】${RISK_TITLES[r] ?? r}\n【リスクに対する措置】\n${formatMeasures(groups)}`);
    sources.push(mergeSources(groups));
  }
  if (!blocks.length)
    return { value: "－", state: "suggested", note: { ja: "該当がなければ「－」", en: "a dash when there is none" } };
  return { value: blocks.join("\n"), state: "suggested", sources: mergeSources(sources.map((s) => ({ sources: s }))) };
}

function subcontractAssurance(c: FillContext): FillResult {
  const entries = delegationEntries(c.facts, c.file);
  const subcontracting = entries.some((d) => d.record?.subcontract === true || d.subcontractors.length > 0);
  const unknown = entries.some((d) => d.record?.subcontract === undefined && d.subcontractors.length === 0);
  if (!subcontracting && !unknown) return { value: "再委託していない", state: "graph" };
  return { value: "", state: "missing" };
}

function thresholdFiller(c: FillContext): FillResult {
  const t = decideThreshold(thresholdMeta(c.facts.doc.meta, c.opts.profile));
  if (t.code === null) return { value: "", state: "missing", note: t.explanation };
  let value: string = THRESHOLD_RESULTS[t.code];
  if (c.kind === "full" && t.code > 0) value += "（任意に全項目評価を実施）";
  if (c.kind === "focused" && t.code > 1) value += "（任意に重点項目評価を実施）";
  const choices =
    c.kind === "full"
      ? [THRESHOLD_RESULTS[0], ...THRESHOLD_RESULTS.slice(1).map((r) => `${r}（任意に全項目評価を実施）`)]
      : c.kind === "focused"
        ? [
            THRESHOLD_RESULTS[1],
            `${THRESHOLD_RESULTS[2]}（任意に重点項目評価を実施）`,
            `${THRESHOLD_RESULTS[3]}（任意に重点項目評価を実施）`,
          ]
        : THRESHOLD_RESULTS;
  return { value, state: "meta", note: t.explanation, choices };
}

function provisionEntryText(
  get: (p: ProvisionEntry) => string | undefined,
  fromFlow?: (f: ModelFlow, c: FillContext) => string | undefined,
): Filler {
  return (c) => {
    const p = c.provision;
    if (!p) return { value: "", state: "missing" };
    const own = get(p);
    if (own?.trim()) return { value: own.trim(), state: "meta", sources: fromFlows(p.flows) };
    const derived = fromFlow ? lines(p.flows.map((f) => fromFlow(f, c) ?? "")).join("、") : "";
    return derived
      ? { value: derived, state: "graph", sources: fromFlows(p.flows) }
      : { value: "", state: "missing", sources: fromFlows(p.flows) };
  };
}

// ---------------------------------------------------------------- the registry

export const FILLERS: Record<string, Filler> = {
  "cover.documentNumber": (c) => txt(c.facts.doc.meta.documentNumber),
  "cover.title": (c) => {
    const { meta } = c.facts.doc;
    const kind = { basic: "基礎項目評価書", focused: "重点項目評価書", full: "全項目評価書" }[c.kind];
    return meta.jimuName ? { value: `${meta.jimuName} ${kind}`, state: "meta" } : txt(c.facts.doc.title);
  },
  "cover.declaration": (c) => {
    const { meta } = c.facts.doc;
    if (!meta.organization || !meta.jimuName) return { value: "", state: "missing" };
    return { value: DECLARATION(bodyName(meta.organization), meta.jimuName), state: "meta" };
  },
  "cover.organization": (c) => txt(c.facts.doc.meta.organization),
  "cover.publishedOn": (c) => txt(c.facts.doc.meta.publishedOn),
  "I.jimuName": (c) => txt(c.facts.doc.meta.jimuName),
  "I.jimuSummary": (c) => {
    const s = c.facts.doc.meta.jimuSummary;
    if (s?.trim()) return txt(s);
    return c.kind === "full" && c.facts.doc.flows.some((f) => f.sentence)
      ? { value: "別添1を参照。", state: "suggested" }
      : { value: "", state: "missing" };
  },
  "I.population": (c) => {
    const { meta } = c.facts.doc;
    const band =
      meta.targetPopulation !== null ? decideThreshold(meta).populationBand : (meta.targetPopulationBand ?? null);
    return choice(band && POPULATION_BANDS.includes(band as never) ? band : null);
  },
  "sys.name": (c) => txt(c.system?.label, "graph", c.system ? { nodes: [c.system.id], flows: [] } : undefined),
  "sys.functions": (c) =>
    txt(
      (c.system?.functions ?? []).map((f, i) => `${i + 1}. ${f}`).join("\n"),
      "graph",
      c.system ? { nodes: [c.system.id], flows: [] } : undefined,
    ),
  "sys.connections": connections,
  "sys.names": (c) =>
    txt(c.facts.systems.map((s) => s.label).join("、"), "graph", {
      nodes: c.facts.systems.map((s) => s.id),
      flows: [],
    }),
  "I.fileNames": (c) => {
    const names = c.facts.doc.files.map((f) => f.name);
    return txt(names.length > 1 ? names.map((n, i) => `(${i + 1})${n}`).join(" ") : names[0]);
  },
  "I.legalBasisUse": (c) => citedBases(c.facts.doc.meta.legalBasisForUse, c, null, "meta"),
  "I.network.performed": (c) => {
    const p = c.facts.doc.meta.networkLinkage.performed;
    if (p) return choice({ yes: "実施する", no: "実施しない", undecided: "未定" }[p]);
    const net = c.facts.doc.flows.filter((f) => {
      const ph = c.facts.classes.get(f.id);
      return ph?.phase === "network_inquiry" || ph?.phase === "network_provision" || ph?.rule === "network";
    });
    return net.length
      ? { value: "実施する", state: "graph", sources: fromFlows(net) }
      : { value: "", state: "missing" };
  },
  "I.network.basis": (c) => {
    const own = c.facts.doc.meta.networkLinkage.legalBasis;
    if (own.length) return citedBases(own, c, "network", "meta");
    const flows = flowsInPhase(c.facts, null, "network_inquiry", "network_provision").filter(
      (f) => f.legalBasis.length,
    );
    const bases = flows.flatMap((f) => f.legalBasis);
    const unique = bases.filter((b, i) => bases.findIndex((x) => JSON.stringify(x) === JSON.stringify(b)) === i);
    return unique.length
      ? { ...citedBases(unique, c, "network", "graph"), sources: fromFlows(flows) }
      : { value: "", state: "missing" };
  },
  "I.department": (c) => txt(c.facts.doc.meta.department),
  "I.departmentHead": (c) => txt(c.facts.doc.meta.departmentHead),
  "I.otherAssessors": (c) => txt(c.facts.doc.meta.otherAssessors),
  "appendix.diagram": () => ({ value: "", state: "graph" }),
  "appendix.steps": appendixSteps,
  "appendix.recordItems": (c) => recordItemsAppendix(c.facts.doc.files),
  "appendix.changes": (c) => changesItem(c.opts.changes),
  "file.name": (c) => txt(c.file?.file?.name),
  "file.type": (c) =>
    choice(
      c.file?.file?.fileType
        ? { system: "システム用ファイル", other_electronic: "その他の電子ファイル（表計算ファイル等）" }[
            c.file.file.fileType
          ]
        : null,
    ),
  "file.subjectCount": (c) => choice(c.file?.file?.subjectCount),
  "file.subjectScope": (c) => txt(c.file?.file?.subjectScope),
  "file.recordItems": (c) => recordItemsBand(c.file?.file),
  "file.mainRecordItems": (c) => {
    const own = c.file?.file?.mainRecordItems ?? [];
    // Without its own choice, the file's main items are the categories its full list of record items uses.
    const items = own.length ? own : recordItemsCategories(c.file?.file);
    if (!items.length) return { checks: marks(MAIN_RECORD_ITEM_CHOICES, new Map()), value: "", state: "missing" };
    const m = new Map<string, Set<string>>();
    for (const it of items) {
      if (MAIN_RECORD_ITEM_CHOICES.includes(it as never)) pick(m, it);
      else pick(m, "その他", it);
    }
    return { checks: marks(MAIN_RECORD_ITEM_CHOICES, m), value: "", state: "meta" };
  },
  "file.allItems.full": () => ({ value: "別添2を参照。", state: "graph" }),
  "file.allItems.focused": () => ({ value: "別添1を参照。", state: "graph" }),
  "file.heldSince": (c) => txt(c.file?.file?.heldSince),
  "file.department": (c) => txt(c.file?.file?.department ?? c.facts.doc.meta.department),
  "file.usePurpose": (c) => txt(c.file?.file?.usePurpose),
  "file.useDepartment": (c) => txt(c.file?.file?.useDepartment),
  "file.users": (c) => choice(c.file?.file?.users),
  "file.retention": (c) => {
    if (c.file?.file?.retention) return choice(c.file.file.retention);
    const ns = holders(c).filter((n) => n.retention);
    const values = lines(ns.map((n) => n.retention ?? ""));
    return values.length === 1
      ? { value: values[0] as string, state: "graph", sources: { nodes: ns.map((n) => n.id), flows: [] } }
      : { value: "", state: "missing" };
  },
  "file.retentionReason": (c) => txt(c.file?.file?.retentionReason),
  "file.deletion": deletionText,
  // Ⅱ7 備考 prints the file's remarks; its note is an internal remark and never reaches the 評価書.
  "file.note": (c) => txt(c.file?.file?.remarks),
  "acq.sources": acquisitionSources,
  "acq.methods": acquisitionMethods,
  "acq.timing": acquisitionTiming,
  "use.method": useMethod,
  "deleg.has": (c) => {
    const entries = delegationEntries(c.facts, c.file);
    const value = entries.length ? "委託する" : "委託しない";
    return { value, ...undrawnDelegations(c), sources: fromFlows(entries.flatMap((e) => e.flows)) };
  },
  // 委託件数 counts 委託事項 (as the 様式 does), not 委託先 boxes.
  "deleg.count": (c) => ({ value: String(delegationEntries(c.facts, c.file).length), ...undrawnDelegations(c) }),
  "deleg.name": (c) => {
    const d = c.delegation;
    if (!d) return { value: "", state: "missing" };
    if (d.record) return { value: d.name, state: "meta", sources: delegationSources(d) };
    return {
      value: d.name ? `${d.name}に係る委託` : "",
      state: "suggested",
      sources: delegationSources(d),
      note: {
        ja: "委託事項の記録がない委託の流れです。委託事項を登録してください",
        en: "delegation flows without a 委託事項 record",
      },
    };
  },
  "deleg.content": (c) => txt(c.delegation?.record?.content),
  "deleg.scope": (c) =>
    choice(
      c.delegation?.record?.scope
        ? { all: "特定個人情報ファイルの全体", part: "特定個人情報ファイルの一部" }[c.delegation.record.scope]
        : null,
    ),
  "deleg.subjectCount": (c) => choice(c.delegation?.record?.subjectCount),
  "deleg.handlers": (c) => choice(c.delegation?.record?.handlers),
  "deleg.methods": delegationMethods,
  "deleg.nameCheck": (c) => txt(c.delegation?.record?.contractorNameCheck),
  "deleg.contractor": (c) => {
    const d = c.delegation;
    if (d?.record?.contractorName) return txt(d.record.contractorName, "meta", delegationSources(d));
    const names = lines((d?.contractors ?? []).map(nodeName));
    return d && names.length
      ? { value: names.join("、"), state: "graph", sources: delegationSources(d) }
      : { value: "", state: "missing" };
  },
  "deleg.subcontract": (c) => {
    const d = c.delegation;
    if (!d) return { value: "", state: "missing" };
    if (d.record?.subcontract !== undefined) return choice(d.record.subcontract ? "再委託する" : "再委託しない");
    if (d.subcontractors.length)
      return { value: "再委託する", state: "graph", sources: { nodes: d.subcontractors.map((n) => n.id), flows: [] } };
    return { value: "", state: "missing" };
  },
  "deleg.subcontractApproval": (c) => subcontractDetail(c, c.delegation?.record?.subcontractApproval),
  "deleg.subcontractItems": (c) => subcontractDetail(c, c.delegation?.record?.subcontractItems),
  "prov.has": provisionPresence,
  "annex.table": annexTable,
  "prov.recipient": (c) => {
    const p = c.provision;
    if (!p) return { value: "", state: "missing" };
    if (p.record) return { value: recipientTitle(c, p), state: "meta", sources: fromFlows(p.flows) };
    if (p.unnamedVia !== undefined) {
      const who = p.network ? "情報照会者（他の機関）" : p.kind === "transfer" ? "移転先の事務・部署" : "提供先の機関";
      const whoEn = p.network
        ? "requesting bodies"
        : p.kind === "transfer"
          ? "receiving 事務 or department"
          : "receiving body";
      return {
        value: "",
        state: "missing",
        sources: fromFlows(p.flows),
        note: {
          ja: `「${p.unnamedVia}」は経路で、${p.kind === "transfer" ? "移転先" : "提供先"}ではありません。その先の${who}を描くか、提供・移転の記録に記入してください`,
          en: `「${p.unnamedVia}」 is a route, not a recipient: draw the ${whoEn} behind it or record them`,
        },
      };
    }
    return {
      value: p.recipient,
      state: "suggested",
      sources: fromFlows(p.flows),
      note: {
        ja: `${p.kind === "transfer" ? "移転" : "提供"}先の記録がない流れです。提供・移転の記録を登録し、法令上の根拠を入力してください`,
        en: "flows with no provision record: add one and enter the legal basis",
      },
    };
  },
  "prov.basis": provisionBasis,
  "prov.purpose": provisionEntryText(
    (p) => p.record?.purpose,
    (f, c) => c.facts.index.nodes.get(f.target)?.purpose,
  ),
  "prov.information": provisionEntryText(
    (p) => p.record?.information,
    (f) => f.data,
  ),
  "prov.subjectCount": (c) => choice(c.provision?.record?.subjectCount),
  "prov.subjectScope": provisionEntryText((p) => p.record?.subjectScope),
  "prov.methods": provisionMethods,
  "prov.timing": provisionEntryText(
    (p) => p.record?.timing,
    (f) => f.frequency,
  ),
  "store.location": storageLocation,
  "flag.delegationNone": flag("delegationNone"),
  "flag.provisionNone": flag("provisionNone"),
  "flag.networkNoAcquire": flag("networkNoAcquire"),
  "flag.networkNoProvide": flag("networkNoProvide"),
  "fixed.dash": () => ({ value: "", state: "graph" }),
  measures: measuresFiller(),
  "measures.atena": measuresFiller((n) => n.systemRole === "atena"),
  "measures.nonAtena": measuresFiller((n) => n.systemRole !== "atena"),
  "measures.deletion": measuresFiller(undefined, (c) =>
    riskScope(c.facts, c.file, "III.7.risk3")
      .nodes.filter((n) => n.deletionMethod?.trim())
      .map((n) => ({ heading: n.label, text: n.deletionMethod ?? "" })),
  ),
  presence: presenceFiller,
  "presence.effort": (c, def) => {
    const r = presenceFiller(c, def);
    return r.state === "graph"
      ? {
          ...r,
          value: "十分に行っている",
          state: "suggested",
          note: { ja: "図に記録された対策からの提案です", en: "suggested from the safeguards drawn" },
        }
      : r;
  },
  sufficiency: sufficiencyFiller,
  other_risks: otherRisks,
  "subcontract.assurance": subcontractAssurance,
  threshold: thresholdFiller,
  "threshold.handlers": (c) => {
    const h = c.facts.doc.meta.handlers500OrMore;
    return choice(h === null ? null : h ? "500人以上" : "500人未満");
  },
  "threshold.incident": (c) => {
    const h = c.facts.doc.meta.seriousIncidentPastYear;
    return choice(h === null ? null : h ? "発生あり" : "発生なし");
  },
  "incident.past3Years": (c) => {
    const h = c.facts.doc.meta.seriousIncidentPast3Years;
    return choice(h === undefined || h === null ? null : h ? "発生あり" : "発生なし");
  },
  "incident.content": (c) => incidentText(c, c.facts.doc.meta.seriousIncidentContent),
  "incident.prevention": (c) => incidentText(c, c.facts.doc.meta.seriousIncidentPrevention),
  "measures.physical": systemMeasuresFiller("physical"),
  "measures.technical": systemMeasuresFiller("technical"),
  "disclosure.fileNames": (c) => {
    const names = c.facts.doc.files.map((f) => f.name.trim()).filter(Boolean);
    if (!names.length) return { value: "", state: "missing" };
    return {
      value: names.join("\n"),
      state: "suggested",
      note: {
        ja: "特定個人情報ファイル名からの提案です。個人情報ファイル簿での名称を確かめてください",
        en: "suggested from the file names: check the names used in the register",
      },
    };
  },
};
