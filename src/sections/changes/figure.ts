import { type ElementDiff, elementLabel, type ModelDiff } from "../../derive/model-diff";
import {
  BOUNDARY_KINDS,
  formatLegalBasis,
  LANE_KINDS,
  type LegalBasis,
  type NagareDocument,
  NODE_KINDS,
  PARTIES,
  SAFEGUARDS,
  TRANSPORTS,
} from "../../model";

/**
 * 別添1 事務の内容 in the 変更箇所: the drawn elements that were added, removed or changed, with the old and the
 * new value of what changed (「③ 窓口 → 国民年金システム：手段 紙」 → 「…：手段 電子メール」). Moves alone are
 * not a change of the 記載. Internal notes never appear.
 */

const FIELD_NAMES: Record<string, string> = {
  label: "名称",
  kind: "種類",
  owner: "所属",
  groupId: "配置（レーン・境界）",
  parentId: "配置（レーン・境界）",
  systemRole: "システムの役割",
  functions: "機能",
  safeguards: "安全管理措置",
  fileIds: "特定個人情報ファイル",
  retention: "保管期間",
  deletionMethod: "消去方法",
  delegationId: "委託事項",
  provisionId: "提供先・移転先",
  source: "始点",
  target: "終点",
  step: "番号",
  sentence: "備考",
  data: "情報",
  carriesMyNumber: "個人番号",
  transport: "手段",
  transportNote: "手段の詳細",
  legalBasis: "法令上の根拠",
  frequency: "時期・頻度",
  phase: "区分",
  variant: "場合分け",
  isBackup: "バックアップ",
  directionUnknown: "流れの向き",
  purpose: "用途",
  laneKind: "レーンの種類",
  boundaryKind: "境界の種類",
  type: "種類",
};
const INTERNAL_FIELDS = new Set(["note", "stepPinned"]);
const DRAWN = new Set(["nodes", "flows", "groups"]);

type Element = Record<string, unknown>;

function find(doc: NagareDocument, e: ElementDiff): Element | undefined {
  return (doc[e.collection] as Element[]).find((x) => x.id === e.id);
}

function valueText(doc: NagareDocument, field: string, v: unknown): string {
  if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) return "なし";
  const name = (id: unknown) =>
    doc.nodes.find((n) => n.id === id)?.label ?? doc.groups.find((g) => g.id === id)?.label ?? String(id);
  switch (field) {
    case "transport":
      return TRANSPORTS[v as keyof typeof TRANSPORTS]?.ja ?? String(v);
    case "kind":
      return NODE_KINDS[v as keyof typeof NODE_KINDS]?.ja ?? String(v);
    case "laneKind":
      return LANE_KINDS[v as keyof typeof LANE_KINDS]?.ja ?? String(v);
    case "boundaryKind":
      return BOUNDARY_KINDS[v as keyof typeof BOUNDARY_KINDS]?.ja ?? String(v);
    case "owner": {
      const o = v as { party?: keyof typeof PARTIES; name?: string };
      return [o.name, o.party ? PARTIES[o.party]?.ja : ""].filter(Boolean).join("・") || "なし";
    }
    case "source":
    case "target":
    case "groupId":
    case "parentId":
      return name(v);
    case "safeguards":
      return (v as { kind: keyof typeof SAFEGUARDS }[]).map((s) => SAFEGUARDS[s.kind]?.ja ?? s.kind).join("、");
    case "legalBasis":
      return (v as LegalBasis[]).map(formatLegalBasis).join("、");
    case "carriesMyNumber":
      return v ? "含む" : "含まない";
    case "functions":
      return (v as string[]).join("、");
    default:
      return typeof v === "string" || typeof v === "number"
        ? String(v)
        : typeof v === "boolean"
          ? v
            ? "あり"
            : "なし"
          : "設定あり";
  }
}

export function figureChanges(
  diff: ModelDiff,
  before: NagareDocument,
  after: NagareDocument,
): { before: string; after: string } | null {
  const was: string[] = [];
  const now: string[] = [];
  for (const e of diff.elements) {
    if (!DRAWN.has(e.collection)) continue;
    if (e.change === "added") now.push(`追加：${e.label}`);
    else if (e.change === "removed") {
      was.push(e.label);
      now.push(`削除：${e.label}`);
    } else if (e.change === "changed") {
      const fields = e.fields.filter((f) => !INTERNAL_FIELDS.has(f));
      if (!fields.length) continue;
      const old = find(before, e);
      const cur = find(after, e);
      const line = (doc: NagareDocument, el: Element | undefined) =>
        `${el ? elementLabel(e.collection, el as { id: string }, doc) : e.label}：${fields.map((f) => `${FIELD_NAMES[f] ?? "その他の設定"} ${valueText(doc, f, el?.[f])}`).join("、")}`;
      was.push(line(before, old));
      now.push(line(after, cur));
    }
  }
  if (!now.length) return null;
  return { before: was.join("\n"), after: now.join("\n") };
}
