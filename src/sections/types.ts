import type { AssessmentKind, OrgProfile } from "../model";
import type { Finding } from "../rules/types";
import type { ChangeSet } from "./changes/types";

/**
 * The 評価書 as data. A form is a tree of items (the structure of 様式2/3/4); generation expands the
 * repeated parts (per file, system, 委託事項, 提供先/移転先) and fills every item from the model, the findings
 * and a person's answers.
 */

export type ItemKind =
  /** A heading that groups items (Ⅱ, 3. 特定個人情報の入手・使用, リスク1 …). */
  | "heading"
  | "text"
  | "single"
  | "checkbox"
  /** A number of cases, e.g. 委託の有無 (2) 件. */
  | "count"
  | "table"
  /** 「リスクへの対策は十分か」. */
  | "sufficiency"
  /** 委託しない, 提供・移転しない, 接続しない（入手）/（提供）. */
  | "none_box";

/** Parts of the document that repeat. */
export type RepeatKind = "file" | "system" | "delegation" | "provision" | "transfer" | "annex";

/** One item of the blank form. */
export interface FormNode {
  /** Local key; joined along the path into the item id. */
  key: string;
  /** Printed label of this level: "Ⅱ", "3", "②", "リスク1"; omitted for unnumbered lines. */
  label?: string;
  title: string;
  kind: ItemKind;
  choices?: readonly string[];
  /** Marked ※ (a change counts as 重要な変更). */
  mark?: boolean;
  repeat?: RepeatKind;
  /** Which filler computes the value (see fill.ts); absent = from answers only. */
  fill?: string;
  /** The organisation profile's item (src/model/profile.ts) that answers this item when nothing else does. */
  profile?: string;
  /** Section Ⅲ risk id in 全項目 numbering (III.2.risk1 …), also for the folded risks of 重点/基礎. */
  risk?: string;
  /** Risk ids whose findings and measures this item gathers (重点: その他のリスク gathers the risks the form lacks). */
  gathers?: readonly string[];
  children?: FormNode[];
}

export interface CheckMark {
  label: string;
  checked: boolean;
  /** Text in the parentheses: (戸籍住民課、市民税管理課), (59) 件. */
  detail?: string;
}

export interface TableRow {
  cells: string[];
  sources?: SourceIds;
}

export interface SourceIds {
  nodes: string[];
  flows: string[];
}

/**
 * graph: the model determined it; meta: from the document's metadata or records; answer: a person wrote or
 * confirmed it; suggested: a proposal waiting for a person to confirm; missing: 要記入.
 */
export type ItemState = "graph" | "meta" | "answer" | "suggested" | "missing";

export interface FilledItem {
  /** Stable id, the key of doc.answers. */
  id: string;
  /** As printed: "Ⅱ-3-②". Empty for unnumbered lines. */
  number: string;
  title: string;
  kind: ItemKind;
  choices?: readonly string[];
  mark?: boolean;
  risk?: string;
  /** text / single / sufficiency: the text or chosen option; count: the number as text; none_box: "true"/"false". */
  value: string;
  checks?: CheckMark[];
  rows?: TableRow[];
  header?: string[];
  state: ItemState;
  /** Shown as 「要記入」 (missing) or 「要確認」 (suggested) until a person answers. */
  needsInput: boolean;
  /** The generated value when an answer overrides it (so the preview can show both). */
  suggestion?: string;
  confirmed?: boolean;
  /** The organisation profile's item that gave the value (the document did not answer it itself). */
  fromProfile?: string;
  /**
   * The profile item this form item draws on, also when the document overrides it (so that the answers panel
   * can offer 「共通回答に戻す」).
   */
  profileKey?: string;
  /** Why the value is what it is (bilingual), e.g. which findings drove a sufficiency suggestion. */
  note?: { ja: string; en: string };
  sources: SourceIds;
  children: FilledItem[];
}

export interface ThresholdResult {
  /** Index into THRESHOLD_RESULTS (0 = 全項目, 1 = 重点, 2 = 基礎 only, 3 = not mandatory), null when inputs are missing. */
  code: 0 | 1 | 2 | 3 | null;
  required: AssessmentKind[];
  /** The 評価書 wording of the result. */
  ja: string;
  en: string;
  explanation: { ja: string; en: string };
  /** Inputs that are still unknown. */
  missing: ("targetPopulation" | "handlers500OrMore" | "seriousIncidentPastYear")[];
  populationBand: string | null;
}

export interface GeneratedSections {
  kind: AssessmentKind;
  title: string;
  organization: string;
  publishedOn: string | null;
  threshold: ThresholdResult;
  items: FilledItem[];
  /** The 別添1 備考 step list (step, sentence, flow id), in 事務 order. */
  steps: { step: string; text: string; flowIds: string[] }[];
  stats: { items: number; needsInput: number; suggested: number; answered: number };
  /**
   * Answers whose item no longer exists (its 委託事項 or 提供先 was renamed into a record, a file was removed …):
   * kept in the document and listed so that nobody's words are lost silently.
   */
  orphanAnswers: { id: string; value: string }[];
}

export interface GenerateOptions {
  /**
   * Which 評価書 to generate; default meta.assessmentKind. One model serves several: when 全項目 is required,
   * the 基礎項目評価書 is required too.
   */
  kind?: AssessmentKind;
  /** Sufficiency suggestion per risk id (the findings engine's suggestSufficiency when present). */
  suggestSufficiency?: (findings: Finding[], riskId: string) => unknown;
  /** Date used for citations when meta.publishedOn is empty (ISO). */
  today?: string;
  /** The organisation's common answers: fill what neither the drawing nor the document answers. */
  profile?: OrgProfile | null;
  /** The 変更箇所 against a previous version (changes/index.ts `changeSet`); without it the table is 「－」. */
  changes?: ChangeSet;
}
