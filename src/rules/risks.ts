import type { AssessmentKind, Phase } from "../model";

/**
 * The リスク of section Ⅲ, numbered as in the 全項目評価書 (様式4). Shared with the sections generator:
 * ids are stable and must not change.
 */
export interface RiskDef {
  ja: string;
  en: string;
  /** The 評価書 phase (block of Ⅲ) the risk belongs to; "general" for model-completeness findings. */
  phase: Phase | "general";
  /** The block of Ⅲ, e.g. "III.2". */
  section: string;
}

const r = (section: string, phase: Phase | "general", ja: string, en: string): RiskDef => ({ ja, en, phase, section });

export const RISKS = {
  "III.2.risk1": r("III.2", "acquisition", "目的外の入手が行われるリスク", "Acquisition beyond the purpose"),
  "III.2.risk2": r("III.2", "acquisition", "不適切な方法で入手が行われるリスク", "Acquisition by improper means"),
  "III.2.risk3": r("III.2", "acquisition", "入手した特定個人情報が不正確であるリスク", "Inaccurate data acquired"),
  "III.2.risk4": r(
    "III.2",
    "acquisition",
    "入手の際に特定個人情報が漏えい・紛失するリスク",
    "Leak or loss during acquisition",
  ),
  "III.3.risk1": r(
    "III.3",
    "use",
    "目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク",
    "Linkage beyond the purpose or with unneeded data",
  ),
  "III.3.risk2": r(
    "III.3",
    "use",
    "権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク",
    "Use by unauthorised persons",
  ),
  "III.3.risk3": r("III.3", "use", "従業者が事務外で使用するリスク", "Use by staff outside the 事務"),
  "III.3.risk4": r("III.3", "use", "特定個人情報ファイルが不正に複製されるリスク", "Unauthorised copying of the file"),
  "III.4.risk1": r(
    "III.4",
    "delegation",
    "委託先による特定個人情報の不正入手・不正な使用に関するリスク",
    "Unlawful acquisition or use by the contractor",
  ),
  "III.4.risk2": r(
    "III.4",
    "delegation",
    "委託先による特定個人情報の不正な提供に関するリスク",
    "Unlawful provision by the contractor",
  ),
  "III.4.risk3": r(
    "III.4",
    "delegation",
    "委託先による特定個人情報の保管・消去に関するリスク",
    "Storage and deletion at the contractor",
  ),
  "III.4.risk4": r("III.4", "delegation", "委託契約終了後の不正な使用等のリスク", "Misuse after the contract ends"),
  "III.4.risk5": r("III.4", "delegation", "再委託に関するリスク", "Subcontracting"),
  "III.5.risk1": r("III.5", "provision", "不正な提供・移転が行われるリスク", "Unlawful provision or transfer"),
  "III.5.risk2": r(
    "III.5",
    "provision",
    "不適切な方法で提供・移転が行われるリスク",
    "Provision or transfer by improper means",
  ),
  "III.5.risk3": r(
    "III.5",
    "provision",
    "誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク",
    "Wrong data or wrong recipient",
  ),
  "III.6.risk1": r("III.6", "network_inquiry", "目的外の入手が行われるリスク", "Inquiry beyond the purpose"),
  "III.6.risk2": r(
    "III.6",
    "network_inquiry",
    "安全が保たれない方法によって入手が行われるリスク",
    "Acquisition by an unsafe method",
  ),
  "III.6.risk3": r("III.6", "network_inquiry", "入手した特定個人情報が不正確であるリスク", "Inaccurate data acquired"),
  "III.6.risk4": r(
    "III.6",
    "network_inquiry",
    "入手の際に特定個人情報が漏えい・紛失するリスク",
    "Leak or loss during acquisition",
  ),
  "III.6.risk5": r("III.6", "network_provision", "不正な提供が行われるリスク", "Unlawful provision"),
  "III.6.risk6": r("III.6", "network_provision", "不適切な方法で提供されるリスク", "Provision by improper means"),
  "III.6.risk7": r(
    "III.6",
    "network_provision",
    "誤った情報を提供してしまうリスク、誤った相手に提供してしまうリスク",
    "Wrong data or wrong recipient",
  ),
  "III.7.risk1": r("III.7", "storage", "特定個人情報の漏えい・滅失・毀損リスク", "Leak, loss or damage"),
  "III.7.risk2": r("III.7", "storage", "特定個人情報が古い情報のまま保管され続けるリスク", "Outdated data kept"),
  "III.7.risk3": r("III.7", "storage", "特定個人情報が消去されずいつまでも存在するリスク", "Data never deleted"),
  general: r("general", "general", "モデルの不足（評価書の記載に必要な情報）", "Incomplete model"),
} as const satisfies Record<string, RiskDef>;
export type RiskId = keyof typeof RISKS;
export const RISK_IDS = Object.keys(RISKS) as RiskId[];

export function isRiskId(id: string): id is RiskId {
  return Object.hasOwn(RISKS, id);
}

/** The blocks of section Ⅲ, with their titles. */
export const RISK_SECTIONS = {
  "III.2": { ja: "2. 特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）", en: "2. Acquisition" },
  "III.3": { ja: "3. 特定個人情報の使用", en: "3. Use" },
  "III.4": { ja: "4. 特定個人情報ファイルの取扱いの委託", en: "4. Delegation" },
  "III.5": {
    ja: "5. 特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
    en: "5. Provision and transfer",
  },
  "III.6": { ja: "6. 情報提供ネットワークシステムとの接続", en: "6. Information provision network" },
  "III.7": { ja: "7. 特定個人情報の保管・消去", en: "7. Storage and deletion" },
  general: { ja: "モデルの不足", en: "Incomplete model" },
} as const;

/**
 * The 重点項目評価書 (and 基礎) ask fewer リスク: every 全項目 risk is counted in the row that covers it.
 * The 全項目 rows are the risks themselves.
 */
const FOCUSED_ROW: Partial<Record<RiskId, RiskId>> = {
  "III.3.risk3": "III.3.risk2",
  "III.3.risk4": "III.3.risk2",
  "III.4.risk2": "III.4.risk1",
  "III.4.risk3": "III.4.risk1",
  "III.4.risk4": "III.4.risk1",
  "III.4.risk5": "III.4.risk1",
  "III.6.risk2": "III.6.risk1",
  "III.6.risk3": "III.6.risk1",
  "III.6.risk4": "III.6.risk1",
  "III.6.risk6": "III.6.risk5",
  "III.6.risk7": "III.6.risk5",
  "III.7.risk2": "III.7.risk1",
  "III.7.risk3": "III.7.risk1",
};

/** Titles that differ in the 重点項目評価書. */
export const FOCUSED_TITLES: Partial<Record<RiskId, { ja: string; en: string }>> = {
  "III.4.risk1": { ja: "委託先における不正な使用等のリスク", en: "Misuse at the contractor" },
};

/** The rows of the 評価書's own risk grid for an assessment kind, in 評価書 order. */
export function riskRowsFor(kind: AssessmentKind): RiskId[] {
  if (kind === "full") return RISK_IDS;
  return RISK_IDS.filter((id) => !FOCUSED_ROW[id]);
}

/** The row of the grid a risk is counted in, for an assessment kind. */
export function rowForRisk(kind: AssessmentKind, riskId: string): RiskId {
  const id: RiskId = isRiskId(riskId) ? riskId : "general";
  if (kind === "full") return id;
  return FOCUSED_ROW[id] ?? id;
}

export function riskTitle(kind: AssessmentKind, riskId: RiskId): { ja: string; en: string } {
  return (kind !== "full" && FOCUSED_TITLES[riskId]) || RISKS[riskId];
}
