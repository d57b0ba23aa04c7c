import {
  type AssessmentKind,
  AUDIT_CHOICES,
  DONE_CHOICES,
  EFFORT_CHOICES,
  FEE_CHOICES,
  HANDLER_COUNT_BANDS,
  INCIDENT_CHOICES,
  NISC_CHOICES,
  NOTIFY_CHOICES,
  ORGANISE_CHOICES,
  POPULATION_BANDS,
  PUBLISHED_CHOICES,
  RECORD_CHOICES,
  RECORD_ITEM_BANDS,
  RECORD_ITEM_CATEGORIES,
  RETENTION_PERIODS,
  RULE_CHOICES,
  type SafeguardKind,
  SUBJECT_COUNT_BANDS,
  SUFFICIENCY,
} from "../model";
import { THRESHOLD_RESULTS } from "./threshold";
import type { FormNode, ItemKind } from "./types";

/**
 * The structure of 様式2 (基礎), 様式3 (重点) and 様式4 (全項目) as data, after the reference notes §2 and the
 * published 評価書 in the seeds. `fill` names the filler that computes an item from the model (fill.ts);
 * items without one are answered by a person. `safeguards` lists the safeguard kinds whose measures an item
 * gathers (section Ⅲ).
 */

export interface FormDef extends FormNode {
  safeguards?: readonly SafeguardKind[];
  children?: FormDef[];
}

const node = (
  key: string,
  label: string | undefined,
  title: string,
  kind: ItemKind,
  extra: Partial<FormDef> = {},
): FormDef => ({ key, ...(label ? { label } : {}), title, kind, ...extra });
const head = (
  key: string,
  label: string | undefined,
  title: string,
  children: FormDef[],
  extra: Partial<FormDef> = {},
) => node(key, label, title, "heading", { children, ...extra });
const text = (key: string, label: string | undefined, title: string, extra: Partial<FormDef> = {}) =>
  node(key, label, title, "text", extra);
const single = (
  key: string,
  label: string | undefined,
  title: string,
  choices: readonly string[],
  extra: Partial<FormDef> = {},
) => node(key, label, title, "single", { choices, ...extra });
const checks = (
  key: string,
  label: string | undefined,
  title: string,
  choices: readonly string[],
  extra: Partial<FormDef> = {},
) => node(key, label, title, "checkbox", { choices, ...extra });
const enough = (risk: string, extra: Partial<FormDef> = {}) =>
  node("sufficiency", undefined, "リスクへの対策は十分か", "sufficiency", {
    choices: SUFFICIENCY,
    risk,
    fill: "sufficiency",
    ...extra,
  });
const measures = (
  key: string,
  title: string,
  risk: string,
  safeguards: readonly SafeguardKind[],
  extra: Partial<FormDef> = {},
) => text(key, undefined, title, { fill: "measures", risk, safeguards, ...extra });
const presence = (
  key: string,
  title: string,
  choices: readonly [string, string],
  risk: string,
  safeguards: readonly SafeguardKind[],
  extra: Partial<FormDef> = {},
) => single(key, undefined, title, choices, { fill: "presence", risk, safeguards, ...extra });
const otherRisks = (key: string, title: string, phase: string, gathers: readonly string[] = []) =>
  text(key, undefined, title, { fill: "other_risks", risk: `${phase}.other`, gathers });

const YESNO_DO = DONE_CHOICES;
const RECORD = RECORD_CHOICES;
const RULE = RULE_CHOICES;
const EFFORT = EFFORT_CHOICES;
const SUBCONTRACT_ASSURANCE = [...EFFORT, "再委託していない"] as const;
export const NETWORK_LINKAGE_CHOICES = ["実施する", "実施しない", "未定"] as const;
export const DELEGATION_CHOICES = ["委託する", "委託しない"] as const;
export const SUBCONTRACT_CHOICES = ["再委託する", "再委託しない"] as const;
export const FILE_TYPE_CHOICES = ["システム用ファイル", "その他の電子ファイル（表計算ファイル等）"] as const;
export const CONNECTION_CHOICES = [
  "情報提供ネットワークシステム",
  "庁内連携システム",
  "住民基本台帳ネットワークシステム",
  "既存住民基本台帳システム",
  "宛名システム等",
  "税務システム",
  "その他",
] as const;
export const SOURCE_CHOICES = [
  "本人又は本人の代理人",
  "評価実施機関内の他部署",
  "行政機関・独立行政法人等",
  "地方公共団体・地方独立行政法人",
  "民間事業者",
  "その他",
] as const;
export const ACQUISITION_METHOD_CHOICES = [
  "紙",
  "電子記録媒体（フラッシュメモリを除く。）",
  "フラッシュメモリ",
  "電子メール",
  "専用線",
  "庁内連携システム",
  "情報提供ネットワークシステム",
  "その他",
] as const;
export const DELEGATION_METHOD_CHOICES = [
  "専用線",
  "電子メール",
  "電子記録媒体（フラッシュメモリを除く。）",
  "フラッシュメモリ",
  "紙",
  "その他",
] as const;
export const PROVISION_METHOD_CHOICES = ["情報提供ネットワークシステム", ...DELEGATION_METHOD_CHOICES] as const;
export const TRANSFER_METHOD_CHOICES = ["庁内連携システム", ...DELEGATION_METHOD_CHOICES] as const;
export const PROVISION_PRESENCE_CHOICES = ["提供を行っている", "移転を行っている", "行っていない"] as const;
export const MAIN_RECORD_ITEM_CHOICES = RECORD_ITEM_CATEGORIES;
export { AUDIT_CHOICES };

/** Safeguard kinds per section Ⅲ risk (全項目 numbering); the measures of a risk are built from these. */
export const RISK_SAFEGUARDS: Record<string, readonly SafeguardKind[]> = {
  "III.2.risk1": ["identity_verification", "minimal_items", "access_control"],
  "III.2.risk2": ["identity_verification", "authentication", "access_control", "channel_encryption", "contract_clause"],
  "III.2.risk3": ["identity_verification", "number_verification", "two_person_check"],
  "III.2.risk4": [
    "encryption",
    "content_encryption",
    "channel_encryption",
    "tracked_mail",
    "address_check",
    "locked_storage",
    "counter_partition",
    "media_ledger",
    "delete_after_transfer",
    "network_separation",
    "firewall",
  ],
  "III.3.risk1": ["access_control", "network_separation", "minimal_items"],
  "III.3.risk2": ["authentication", "multi_factor", "access_control", "operation_log"],
  "III.3.risk3": ["operation_log", "access_control", "audit"],
  "III.3.risk4": ["operation_log", "media_ledger", "access_control", "content_encryption"],
  "III.4": [
    "contract_clause",
    "access_control",
    "operation_log",
    "audit",
    "deletion_rule",
    "secure_erase",
    "physical_destruction",
    "encryption",
    "content_encryption",
    "media_ledger",
  ],
  "III.5.risk1": ["operation_log", "access_control"],
  "III.5.risk2": ["encryption", "content_encryption", "channel_encryption", "tracked_mail", "network_separation"],
  "III.5.risk3": ["address_check", "two_person_check"],
  "III.6.risk1": ["access_control", "authentication", "operation_log"],
  "III.6.risk2": ["channel_encryption", "encryption", "network_separation", "firewall"],
  "III.6.risk3": ["number_verification", "identity_verification"],
  "III.6.risk4": ["encryption", "channel_encryption", "authentication", "operation_log", "delete_after_transfer"],
  "III.6.risk5": ["access_control", "operation_log"],
  "III.6.risk6": ["encryption", "channel_encryption", "network_separation", "firewall"],
  "III.6.risk7": ["two_person_check", "address_check", "number_verification"],
  "III.7.risk1": [
    "locked_storage",
    "surveillance",
    "backup",
    "encryption",
    "content_encryption",
    "firewall",
    "malware_protection",
    "network_separation",
    "access_control",
  ],
  "III.7.risk2": [],
  "III.7.risk3": ["deletion_rule", "secure_erase", "physical_destruction", "retention_rule"],
};

/** Titles of every section Ⅲ risk (全項目 numbering). */
export const RISK_TITLES: Record<string, string> = {
  "III.2.risk1": "目的外の入手が行われるリスク",
  "III.2.risk2": "不適切な方法で入手が行われるリスク",
  "III.2.risk3": "入手した特定個人情報が不正確であるリスク",
  "III.2.risk4": "入手の際に特定個人情報が漏えい・紛失するリスク",
  "III.3.risk1": "目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク",
  "III.3.risk2": "権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク",
  "III.3.risk3": "従業者が事務外で使用するリスク",
  "III.3.risk4": "特定個人情報ファイルが不正に複製されるリスク",
  "III.4.risk1": "委託先による特定個人情報の不正入手・不正な使用に関するリスク",
  "III.4.risk2": "委託先による特定個人情報の不正な提供に関するリスク",
  "III.4.risk3": "委託先による特定個人情報の保管・消去に関するリスク",
  "III.4.risk4": "委託契約終了後の不正な使用等のリスク",
  "III.4.risk5": "再委託に関するリスク",
  "III.5.risk1": "不正な提供・移転が行われるリスク",
  "III.5.risk2": "不適切な方法で提供・移転が行われるリスク",
  "III.5.risk3": "誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク",
  "III.6.risk1": "目的外の入手が行われるリスク",
  "III.6.risk2": "安全が保たれない方法によって入手が行われるリスク",
  "III.6.risk3": "入手した特定個人情報が不正確であるリスク",
  "III.6.risk4": "入手の際に特定個人情報が漏えい・紛失するリスク",
  "III.6.risk5": "不正な提供が行われるリスク",
  "III.6.risk6": "不適切な方法で提供されるリスク",
  "III.6.risk7": "誤った情報を提供してしまうリスク、誤った相手に提供してしまうリスク",
  "III.7.risk1": "特定個人情報の漏えい・滅失・毀損リスク",
  "III.7.risk2": "特定個人情報が古い情報のまま保管され続けるリスク",
  "III.7.risk3": "特定個人情報が消去されずいつまでも存在するリスク",
};

const S = (r: string) => RISK_SAFEGUARDS[r] ?? [];
const OTHER = ["other"] as const satisfies readonly SafeguardKind[];

// ---------------------------------------------------------------- shared parts

const cover = (): FormDef =>
  head("cover", undefined, "表紙", [
    text("number", undefined, "評価書番号", { fill: "cover.documentNumber" }),
    text("title", undefined, "評価書名", { fill: "cover.title" }),
    text("declaration", undefined, "個人のプライバシー等の権利利益の保護の宣言", { fill: "cover.declaration" }),
    text("remarks", undefined, "特記事項"),
    text("organization", undefined, "評価実施機関名", { fill: "cover.organization", profile: "organization" }),
    text("publishedOn", undefined, "公表日", { fill: "cover.publishedOn" }),
  ]);

const systems = (): FormDef =>
  head("2", "2", "特定個人情報ファイルを取り扱う事務において使用するシステム", [
    head(
      "sys",
      undefined,
      "システム",
      [
        text("1", "①", "システムの名称", { fill: "sys.name" }),
        text("2", "②", "システムの機能", { fill: "sys.functions" }),
        checks("3", "③", "他のシステムとの接続", CONNECTION_CHOICES, { fill: "sys.connections" }),
      ],
      { repeat: "system" },
    ),
  ]);

const networkLinkage = (n: string): FormDef =>
  head(
    n,
    n,
    "情報提供ネットワークシステムによる情報連携",
    [
      single("1", "①", "実施の有無", NETWORK_LINKAGE_CHOICES, { fill: "I.network.performed" }),
      text("2", "②", "法令上の根拠", { fill: "I.network.basis" }),
    ],
    { mark: true },
  );

const departments = (n: string): FormDef =>
  head(n, n, "評価実施機関における担当部署", [
    text("1", "①", "部署", { fill: "I.department", profile: "department" }),
    text("2", "②", "所属長の役職名", { fill: "I.departmentHead", profile: "departmentHead" }),
  ]);

const basicInfo = (full: boolean): FormDef[] => [
  single("1", "①", "ファイルの種類", FILE_TYPE_CHOICES, { mark: true, fill: "file.type" }),
  single("2", "②", "対象となる本人の数", SUBJECT_COUNT_BANDS, { fill: "file.subjectCount" }),
  text("3", "③", "対象となる本人の範囲", { mark: true, fill: "file.subjectScope" }),
  text("3n", undefined, "その必要性"),
  single("4", "④", "記録される項目", RECORD_ITEM_BANDS, { fill: "file.recordItems" }),
  checks("4m", undefined, "主な記録項目", MAIN_RECORD_ITEM_CHOICES, { mark: true, fill: "file.mainRecordItems" }),
  text("4v", undefined, "その妥当性"),
  text("4a", undefined, "全ての記録項目", { fill: full ? "file.allItems.full" : "file.allItems.focused" }),
  text("5", "⑤", "保有開始日", { fill: "file.heldSince" }),
  text("6", "⑥", "事務担当部署", { fill: "file.department", profile: "department" }),
];

const provisionEntry = (transfer: boolean): FormDef => {
  const w = transfer ? "移転" : "提供";
  return head(
    transfer ? "tr" : "pr",
    undefined,
    `${w}先`,
    [
      text("1", "①", "法令上の根拠", { fill: "prov.basis" }),
      text("2", "②", `${w}先における用途`, { fill: "prov.purpose" }),
      text("3", "③", `${w}する情報`, { fill: "prov.information" }),
      single("4", "④", `${w}する情報の対象となる本人の数`, SUBJECT_COUNT_BANDS, { fill: "prov.subjectCount" }),
      text("5", "⑤", `${w}する情報の対象となる本人の範囲`, { fill: "prov.subjectScope" }),
      checks("6", "⑥", `${w}方法`, transfer ? TRANSFER_METHOD_CHOICES : PROVISION_METHOD_CHOICES, {
        fill: "prov.methods",
      }),
      text("7", "⑦", "時期・頻度", { fill: "prov.timing" }),
    ],
    { repeat: transfer ? "transfer" : "provision", fill: "prov.recipient" },
  );
};

const provisionBlock = (): FormDef =>
  head("5", "5", "特定個人情報の提供・移転（委託に伴うものを除く。）", [
    checks("has", undefined, "提供・移転の有無", PROVISION_PRESENCE_CHOICES, { fill: "prov.has" }),
    provisionEntry(false),
    provisionEntry(true),
  ]);

const auditAndTraining = (focused: boolean): FormDef[] =>
  focused
    ? [
        head("8", "8", "監査", [checks("1", undefined, "実施の有無", AUDIT_CHOICES, { profile: "audit.kinds" })]),
        head("9", "9", "従業者に対する教育・啓発", [
          single("1", undefined, "従業者に対する教育・啓発", EFFORT, { profile: "training.level" }),
          text("2", undefined, "具体的な方法", { profile: "training.method" }),
        ]),
        head("10", "10", "その他のリスク対策", [
          text("1", undefined, "その他のリスク対策", { profile: "otherMeasures" }),
        ]),
      ]
    : [
        head("1", "1", "監査", [
          single("1", "①", "自己点検", EFFORT, { profile: "audit.selfCheck" }),
          text("1d", undefined, "具体的なチェック方法", { profile: "audit.selfCheckMethod" }),
          single("2", "②", "監査", EFFORT, { profile: "audit.audit" }),
          text("2d", undefined, "具体的な内容", { profile: "audit.auditContent" }),
        ]),
        head("2", "2", "従業者に対する教育・啓発", [
          single("1", undefined, "従業者に対する教育・啓発", EFFORT, { profile: "training.level" }),
          text("2", undefined, "具体的な方法", { profile: "training.method" }),
        ]),
        head("3", "3", "その他のリスク対策", [
          text("1", undefined, "その他のリスク対策", { profile: "otherMeasures" }),
        ]),
      ];

const disclosure = (full: boolean): FormDef[] => [
  head("1", "1", "特定個人情報の開示・訂正・利用停止請求", [
    text("1", "①", "請求先", { profile: "disclosure.requestTo" }),
    text("2", "②", "請求方法", { profile: "disclosure.requestMethod" }),
    ...(full
      ? [
          text("2s", undefined, "特記事項", { profile: "disclosure.requestNote" }),
          single("3", "③", "手数料等", FEE_CHOICES, { profile: "disclosure.fee" }),
          single("4", "④", "個人情報ファイル簿の公表", PUBLISHED_CHOICES, { profile: "disclosure.fileRegister" }),
          text("4n", undefined, "個人情報ファイル名", { fill: "disclosure.fileNames" }),
          text("4p", undefined, "公表場所", { profile: "disclosure.fileRegisterPlace" }),
          text("5", "⑤", "法令による特別の手続", { profile: "disclosure.specialProcedure" }),
          text("6", "⑥", "個人情報ファイル簿への不記載等", { profile: "disclosure.notListed" }),
        ]
      : [
          text("3", "③", "法令による特別の手続", { profile: "disclosure.specialProcedure" }),
          text("4", "④", "個人情報ファイル簿への不記載等", { profile: "disclosure.notListed" }),
        ]),
  ]),
  head("2", "2", "特定個人情報ファイルの取扱いに関する問合せ", [
    text("1", "①", "連絡先", { profile: "inquiry.contact" }),
    text("2", "②", "対応方法", { profile: "inquiry.handling" }),
  ]),
];

/**
 * Ⅲ7 重大事故 in the past 3 years (a question of its own, apart from the 1-year question of the しきい値判断):
 * from the document's 文書情報, else the organisation profile.
 */
const incident3Years = (n: string, label: string): FormDef[] => [
  single(n, label, "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか", INCIDENT_CHOICES, {
    fill: "incident.past3Years",
    profile: "incidents.past3Years",
  }),
  text(`${n}a`, undefined, "その内容", { fill: "incident.content", profile: "incidents.past3YearsContent" }),
  text(`${n}b`, undefined, "再発防止策の内容", {
    fill: "incident.prevention",
    profile: "incidents.past3YearsPrevention",
  }),
];

/** 変更箇所: one line per change (変更日 / 項目 / 変更前の記載 / 変更後の記載 / 提出時期 / 提出時期に係る説明). */
const changes = (key: string, label: string): FormDef =>
  head(key, label, "変更箇所", [node("1", undefined, "変更箇所", "table", { fill: "appendix.changes" })]);

// ---------------------------------------------------------------- 全項目評価書 (様式4)

function fullForm(): FormDef[] {
  const acquisitionRisks = head("2", "2", "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）", [
    head(
      "risk1",
      "リスク1",
      RISK_TITLES["III.2.risk1"] as string,
      [
        measures("a", "対象者以外の情報の入手を防止するための措置の内容", "III.2.risk1", ["identity_verification"]),
        measures("b", "必要な情報以外を入手することを防止するための措置の内容", "III.2.risk1", ["minimal_items"]),
        measures("c", "その他の措置の内容", "III.2.risk1", ["access_control", ...OTHER]),
        enough("III.2.risk1"),
      ],
      { risk: "III.2.risk1" },
    ),
    head(
      "risk2",
      "リスク2",
      RISK_TITLES["III.2.risk2"] as string,
      [measures("a", "リスクに対する措置の内容", "III.2.risk2", S("III.2.risk2")), enough("III.2.risk2")],
      { risk: "III.2.risk2" },
    ),
    head(
      "risk3",
      "リスク3",
      RISK_TITLES["III.2.risk3"] as string,
      [
        measures("a", "入手の際の本人確認の措置の内容", "III.2.risk3", ["identity_verification"]),
        measures("b", "個人番号の真正性確認の措置の内容", "III.2.risk3", ["number_verification"]),
        measures("c", "特定個人情報の正確性確保の措置の内容", "III.2.risk3", ["two_person_check"]),
        measures("d", "その他の措置の内容", "III.2.risk3", OTHER),
        enough("III.2.risk3"),
      ],
      { risk: "III.2.risk3" },
    ),
    head(
      "risk4",
      "リスク4",
      RISK_TITLES["III.2.risk4"] as string,
      [measures("a", "リスクに対する措置の内容", "III.2.risk4", S("III.2.risk4")), enough("III.2.risk4")],
      { risk: "III.2.risk4" },
    ),
    otherRisks(
      "other",
      "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置",
      "III.2",
    ),
  ]);
  const useRisks = head("3", "3", "特定個人情報の使用", [
    head(
      "risk1",
      "リスク1",
      RISK_TITLES["III.3.risk1"] as string,
      [
        measures("a", "宛名システム等における措置の内容", "III.3.risk1", S("III.3.risk1"), { fill: "measures.atena" }),
        measures("b", "事務で使用するその他のシステムにおける措置の内容", "III.3.risk1", S("III.3.risk1"), {
          fill: "measures.nonAtena",
        }),
        measures("c", "その他の措置の内容", "III.3.risk1", OTHER),
        enough("III.3.risk1"),
      ],
      { risk: "III.3.risk1" },
    ),
    head(
      "risk2",
      "リスク2",
      RISK_TITLES["III.3.risk2"] as string,
      [
        presence("a", "ユーザ認証の管理", YESNO_DO, "III.3.risk2", ["authentication", "multi_factor"], {
          profile: "access.authentication",
        }),
        measures("ad", "具体的な管理方法", "III.3.risk2", ["authentication", "multi_factor"], {
          profile: "access.authenticationMethod",
        }),
        single("b", undefined, "アクセス権限の発効・失効の管理", YESNO_DO, { profile: "access.issuance" }),
        text("bd", undefined, "具体的な管理方法", { profile: "access.issuanceMethod" }),
        presence("c", "アクセス権限の管理", YESNO_DO, "III.3.risk2", ["access_control"], { profile: "access.control" }),
        measures("cd", "具体的な管理方法", "III.3.risk2", ["access_control"], { profile: "access.controlMethod" }),
        presence("d", "特定個人情報の使用の記録", RECORD, "III.3.risk2", ["operation_log"], { profile: "access.log" }),
        measures("dd", "具体的な方法", "III.3.risk2", ["operation_log"], { profile: "access.logMethod" }),
        measures("e", "その他の措置の内容", "III.3.risk2", OTHER),
        enough("III.3.risk2"),
      ],
      { risk: "III.3.risk2" },
    ),
    head(
      "risk3",
      "リスク3",
      RISK_TITLES["III.3.risk3"] as string,
      [measures("a", "リスクに対する措置の内容", "III.3.risk3", S("III.3.risk3")), enough("III.3.risk3")],
      { risk: "III.3.risk3" },
    ),
    head(
      "risk4",
      "リスク4",
      RISK_TITLES["III.3.risk4"] as string,
      [measures("a", "リスクに対する措置の内容", "III.3.risk4", S("III.3.risk4")), enough("III.3.risk4")],
      { risk: "III.3.risk4" },
    ),
    otherRisks("other", "特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置", "III.3"),
  ]);
  const delegationRisks = head(
    "4",
    "4",
    "特定個人情報ファイルの取扱いの委託",
    [
      node("none", undefined, "委託しない", "none_box", { fill: "flag.delegationNone" }),
      text(
        "risks",
        undefined,
        "委託先による特定個人情報の不正入手・不正な使用に関するリスク／委託先による特定個人情報の不正な提供に関するリスク／委託先による特定個人情報の保管・消去に関するリスク／委託契約終了後の不正な使用等のリスク／再委託に関するリスク",
        { fill: "fixed.dash" },
      ),
      text("a", undefined, "情報保護管理体制の確認", { profile: "delegation.oversight" }),
      presence("b", "特定個人情報ファイルの閲覧者・更新者の制限", ["制限している", "制限していない"], "III.4.risk1", [
        "access_control",
      ]),
      measures("bd", "具体的な制限方法", "III.4.risk1", ["access_control"]),
      presence("c", "特定個人情報ファイルの取扱いの記録", RECORD, "III.4.risk1", ["operation_log"]),
      measures("cd", "具体的な方法", "III.4.risk1", ["operation_log"]),
      single("d", undefined, "特定個人情報の提供ルール", RULE, { profile: "delegation.provisionRule" }),
      text("d1", undefined, "委託先から他者への提供に関するルールの内容及びルール遵守の確認方法", {
        profile: "delegation.provisionRuleToOthers",
      }),
      text("d2", undefined, "委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法", {
        profile: "delegation.provisionRuleBetween",
      }),
      presence("e", "特定個人情報の消去ルール", RULE, "III.4.risk3", ["deletion_rule"], {
        profile: "delegation.deletionRule",
      }),
      measures(
        "ed",
        "ルールの内容及びルール遵守の確認方法",
        "III.4.risk3",
        ["deletion_rule", "secure_erase", "physical_destruction"],
        { profile: "delegation.deletionRuleContent" },
      ),
      presence(
        "f",
        "委託契約書中の特定個人情報ファイルの取扱いに関する規定",
        RULE,
        "III.4.risk1",
        ["contract_clause"],
        {
          profile: "delegation.contractClause",
        },
      ),
      measures("fd", "規定の内容", "III.4.risk1", ["contract_clause"], { profile: "delegation.contractClauseContent" }),
      single("g", undefined, "再委託先による特定個人情報ファイルの適切な取扱いの確保", SUBCONTRACT_ASSURANCE, {
        fill: "subcontract.assurance",
      }),
      text("gd", undefined, "具体的な方法"),
      measures("h", "その他の措置の内容", "III.4.risk1", [
        "audit",
        "encryption",
        "content_encryption",
        "media_ledger",
        ...OTHER,
      ]),
      enough("III.4", { gathers: ["III.4.risk1", "III.4.risk2", "III.4.risk3", "III.4.risk4", "III.4.risk5"] }),
      otherRisks(
        "other",
        "特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置",
        "III.4",
      ),
    ],
    { risk: "III.4" },
  );
  const provisionRisks = head(
    "5",
    "5",
    "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
    [
      node("none", undefined, "提供・移転しない", "none_box", { fill: "flag.provisionNone" }),
      head(
        "risk1",
        "リスク1",
        RISK_TITLES["III.5.risk1"] as string,
        [
          presence("a", "特定個人情報の提供・移転の記録", RECORD, "III.5.risk1", ["operation_log"]),
          measures("ad", "具体的な方法", "III.5.risk1", ["operation_log"]),
          single("b", undefined, "特定個人情報の提供・移転に関するルール", RULE),
          text("bd", undefined, "ルールの内容及びルール遵守の確認方法"),
          measures("c", "その他の措置の内容", "III.5.risk1", ["access_control", ...OTHER]),
          enough("III.5.risk1"),
        ],
        { risk: "III.5.risk1" },
      ),
      head(
        "risk2",
        "リスク2",
        RISK_TITLES["III.5.risk2"] as string,
        [measures("a", "リスクに対する措置の内容", "III.5.risk2", S("III.5.risk2")), enough("III.5.risk2")],
        { risk: "III.5.risk2" },
      ),
      head(
        "risk3",
        "リスク3",
        RISK_TITLES["III.5.risk3"] as string,
        [measures("a", "リスクに対する措置の内容", "III.5.risk3", S("III.5.risk3")), enough("III.5.risk3")],
        { risk: "III.5.risk3" },
      ),
      otherRisks(
        "other",
        "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）におけるその他のリスク及びそのリスクに対する措置",
        "III.5",
      ),
    ],
  );
  const networkRisk = (n: number) =>
    head(
      `risk${n}`,
      `リスク${n}`,
      RISK_TITLES[`III.6.risk${n}`] as string,
      [measures("a", "リスクに対する措置の内容", `III.6.risk${n}`, S(`III.6.risk${n}`)), enough(`III.6.risk${n}`)],
      { risk: `III.6.risk${n}` },
    );
  const networkRisks = head("6", "6", "情報提供ネットワークシステムとの接続", [
    node("noneIn", undefined, "接続しない（入手）", "none_box", { fill: "flag.networkNoAcquire" }),
    node("noneOut", undefined, "接続しない（提供）", "none_box", { fill: "flag.networkNoProvide" }),
    ...[1, 2, 3, 4, 5, 6, 7].map(networkRisk),
    otherRisks("other", "情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置", "III.6"),
  ]);
  const storageRisks = head("7", "7", "特定個人情報の保管・消去", [
    head(
      "risk1",
      "リスク1",
      RISK_TITLES["III.7.risk1"] as string,
      [
        single("1", "①", "NISC政府機関統一基準群", NISC_CHOICES, { profile: "security.nisc" }),
        single("2", "②", "安全管理体制", ORGANISE_CHOICES, { profile: "security.organisation" }),
        single("3", "③", "安全管理規程", ORGANISE_CHOICES, { profile: "security.rules" }),
        single("4", "④", "安全管理体制・規程の職員への周知", NOTIFY_CHOICES, { profile: "security.awareness" }),
        single("5", "⑤", "物理的対策", EFFORT, { profile: "security.physical" }),
        measures(
          "5d",
          "具体的な対策の内容",
          "III.7.risk1",
          ["locked_storage", "surveillance", "physical_destruction"],
          {
            fill: "measures.physical",
            profile: "security.physicalDetail",
          },
        ),
        single("6", "⑥", "技術的対策", EFFORT, { profile: "security.technical" }),
        measures(
          "6d",
          "具体的な対策の内容",
          "III.7.risk1",
          [
            "encryption",
            "content_encryption",
            "firewall",
            "malware_protection",
            "network_separation",
            "access_control",
          ],
          { fill: "measures.technical", profile: "security.technicalDetail" },
        ),
        single("7", "⑦", "バックアップ", EFFORT, {
          fill: "presence.effort",
          risk: "III.7.risk1",
          safeguards: ["backup"],
          profile: "security.backup",
        }),
        single("8", "⑧", "事故発生時手順の策定・周知", EFFORT, { profile: "security.incidentProcedure" }),
        ...incident3Years("9", "⑨"),
        single("10", "⑩", "死者の個人番号", ["保管している", "保管していない"]),
        text("10d", undefined, "具体的な保管方法"),
        measures("o", "その他の措置の内容", "III.7.risk1", OTHER),
        enough("III.7.risk1"),
      ],
      { risk: "III.7.risk1" },
    ),
    head(
      "risk2",
      "リスク2",
      RISK_TITLES["III.7.risk2"] as string,
      [measures("a", "リスクに対する措置の内容", "III.7.risk2", S("III.7.risk2")), enough("III.7.risk2")],
      { risk: "III.7.risk2" },
    ),
    head(
      "risk3",
      "リスク3",
      RISK_TITLES["III.7.risk3"] as string,
      [
        presence("a", "消去手順", RULE, "III.7.risk3", ["deletion_rule", "secure_erase", "physical_destruction"]),
        measures(
          "ad",
          "手順の内容",
          "III.7.risk3",
          ["deletion_rule", "secure_erase", "physical_destruction", "retention_rule"],
          { fill: "measures.deletion" },
        ),
        measures("b", "その他の措置の内容", "III.7.risk3", OTHER),
        enough("III.7.risk3"),
      ],
      { risk: "III.7.risk3" },
    ),
    otherRisks("other", "特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置", "III.7"),
  ]);

  return [
    cover(),
    head("I", "Ⅰ", "基本情報", [
      head("1", "1", "特定個人情報ファイルを取り扱う事務", [
        text("1", "①", "事務の名称", { fill: "I.jimuName" }),
        text("2", "②", "事務の内容", { mark: true, fill: "I.jimuSummary" }),
        single("3", "③", "対象人数", POPULATION_BANDS, { fill: "I.population" }),
      ]),
      systems(),
      head("3", "3", "特定個人情報ファイル名", [
        text("1", undefined, "特定個人情報ファイル名", { fill: "I.fileNames" }),
      ]),
      head("4", "4", "特定個人情報ファイルを取り扱う理由", [
        text("1", "①", "事務実施上の必要性"),
        text("2", "②", "実現が期待されるメリット"),
      ]),
      head("5", "5", "個人番号の利用", [text("1", undefined, "法令上の根拠", { fill: "I.legalBasisUse" })], {
        mark: true,
      }),
      networkLinkage("6"),
      departments("7"),
      head("8", "8", "他の評価実施機関", [text("1", undefined, "他の評価実施機関", { fill: "I.otherAssessors" })]),
    ]),
    head("A1", "(別添1)", "事務の内容", [
      node("diagram", undefined, "事務の内容（図）", "table", { fill: "appendix.diagram" }),
      node("steps", undefined, "（備考）", "table", { fill: "appendix.steps" }),
    ]),
    head("II", "Ⅱ", "特定個人情報ファイルの概要", [
      head(
        "file",
        undefined,
        "特定個人情報ファイル",
        [
          head("1", "1", "特定個人情報ファイル名", [
            text("1", undefined, "特定個人情報ファイル名", { fill: "file.name" }),
          ]),
          head("2", "2", "基本情報", basicInfo(true)),
          head("3", "3", "特定個人情報の入手・使用", [
            checks("1", "①", "入手元", SOURCE_CHOICES, { mark: true, fill: "acq.sources" }),
            checks("2", "②", "入手方法", ACQUISITION_METHOD_CHOICES, { fill: "acq.methods" }),
            text("3", "③", "入手の時期・頻度", { fill: "acq.timing" }),
            text("4", "④", "入手に係る妥当性"),
            text("5", "⑤", "本人への明示"),
            text("6", "⑥", "使用目的", { mark: true, fill: "file.usePurpose" }),
            text("6c", undefined, "変更の妥当性"),
            text("7", "⑦", "使用部署", { mark: true, fill: "file.useDepartment" }),
            single("7n", undefined, "使用者数", HANDLER_COUNT_BANDS, { fill: "file.users" }),
            text("8", "⑧", "使用方法", { mark: true, fill: "use.method" }),
            text("8a", undefined, "情報の突合", { mark: true }),
            text("8b", undefined, "統計分析", { mark: true }),
            text("8c", undefined, "権利利益に影響を与え得る決定", { mark: true }),
            text("9", "⑨", "使用開始日"),
          ]),
          head("4", "4", "特定個人情報ファイルの取扱いの委託", [
            single("has", undefined, "委託の有無", DELEGATION_CHOICES, { mark: true, fill: "deleg.has" }),
            node("count", undefined, "委託件数", "count", { fill: "deleg.count" }),
            head(
              "d",
              undefined,
              "委託事項",
              [
                text("1", "①", "委託内容", { fill: "deleg.content" }),
                single(
                  "2",
                  "②",
                  "取扱いを委託する特定個人情報ファイルの範囲",
                  ["特定個人情報ファイルの全体", "特定個人情報ファイルの一部"],
                  { fill: "deleg.scope" },
                ),
                single("2n", undefined, "対象となる本人の数", SUBJECT_COUNT_BANDS, { fill: "deleg.subjectCount" }),
                text("2s", undefined, "対象となる本人の範囲", { mark: true }),
                text("2v", undefined, "その妥当性"),
                single("3", "③", "委託先における取扱者数", HANDLER_COUNT_BANDS, { fill: "deleg.handlers" }),
                checks("4", "④", "委託先への特定個人情報ファイルの提供方法", DELEGATION_METHOD_CHOICES, {
                  fill: "deleg.methods",
                }),
                text("5", "⑤", "委託先名の確認方法", { fill: "deleg.nameCheck" }),
                text("6", "⑥", "委託先名", { fill: "deleg.contractor" }),
                single("7", "⑦", "再委託の有無", SUBCONTRACT_CHOICES, { mark: true, fill: "deleg.subcontract" }),
                text("8", "⑧", "再委託の許諾方法", { fill: "deleg.subcontractApproval" }),
                text("9", "⑨", "再委託事項", { fill: "deleg.subcontractItems" }),
              ],
              { repeat: "delegation", fill: "deleg.name" },
            ),
          ]),
          provisionBlock(),
          head("6", "6", "特定個人情報の保管・消去", [
            text("1", "①", "保管場所", { mark: true, fill: "store.location" }),
            single("2", "②", "保管期間", RETENTION_PERIODS, { fill: "file.retention" }),
            text("2v", undefined, "その妥当性", { fill: "file.retentionReason" }),
            text("3", "③", "消去方法", { fill: "file.deletion" }),
          ]),
          head("7", "7", "備考", [text("1", undefined, "備考", { fill: "file.note" })]),
        ],
        { repeat: "file", fill: "file.name" },
      ),
    ]),
    head("A2", "(別添2)", "特定個人情報ファイル記録項目", [
      text("1", undefined, "特定個人情報ファイル記録項目", { fill: "appendix.recordItems" }),
    ]),
    head(
      "III",
      "Ⅲ",
      "特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
      [
        head(
          "file",
          undefined,
          "特定個人情報ファイル",
          [
            head("1", "1", "特定個人情報ファイル名", [
              text("1", undefined, "特定個人情報ファイル名", { fill: "file.name" }),
            ]),
            acquisitionRisks,
            useRisks,
            delegationRisks,
            provisionRisks,
            networkRisks,
            storageRisks,
          ],
          { repeat: "file", fill: "file.name" },
        ),
      ],
      { mark: true },
    ),
    head("IV", "Ⅳ", "その他のリスク対策", auditAndTraining(false), { mark: true }),
    head("V", "Ⅴ", "開示請求、問合せ", disclosure(true)),
    head("VI", "Ⅵ", "評価実施手続", [
      head("1", "1", "基礎項目評価", [
        text("1", "①", "実施日"),
        single("2", "②", "しきい値判断結果", THRESHOLD_RESULTS, { fill: "threshold" }),
      ]),
      head("2", "2", "国民・住民等からの意見の聴取", [
        text("1", "①", "方法", { profile: "procedure.hearingMethod" }),
        text("2", "②", "実施日・期間"),
        text("3", "③", "期間を短縮する特段の理由"),
        text("4", "④", "主な意見の内容"),
        text("5", "⑤", "評価書への反映"),
      ]),
      head("3", "3", "第三者点検", [
        text("1", "①", "実施日"),
        text("2", "②", "方法", { profile: "procedure.reviewMethod" }),
        text("3", "③", "結果"),
      ]),
      head("4", "4", "個人情報保護委員会の承認【行政機関等のみ】", [
        text("1", "①", "提出日"),
        text("2", "②", "個人情報保護委員会による審査"),
      ]),
    ]),
    changes("A3", "(別添3)"),
  ];
}

// ---------------------------------------------------------------- 重点項目評価書 (様式3)

/** 全項目 risks that the 重点 form has no line for; their findings and measures go to その他のリスク. */
export const FOCUSED_FOLDED: Record<string, readonly string[]> = {
  "III.2": ["III.2.risk2", "III.2.risk3", "III.2.risk4"],
  "III.3": ["III.3.risk3", "III.3.risk4"],
  "III.5": ["III.5.risk2", "III.5.risk3"],
  "III.6": ["III.6.risk2", "III.6.risk3", "III.6.risk4", "III.6.risk6", "III.6.risk7"],
  "III.7": ["III.7.risk2", "III.7.risk3"],
};

function focusedForm(): FormDef[] {
  const ALL4 = ["III.4.risk1", "III.4.risk2", "III.4.risk3", "III.4.risk4", "III.4.risk5"];
  return [
    cover(),
    head("I", "Ⅰ", "基本情報", [
      head("1", "1", "特定個人情報ファイルを取り扱う事務", [
        text("1", "①", "事務の名称", { fill: "I.jimuName" }),
        text("2", "②", "事務の内容", { fill: "I.jimuSummary" }),
        single("3", "③", "対象人数", POPULATION_BANDS, { fill: "I.population" }),
      ]),
      systems(),
      head("3", "3", "特定個人情報ファイル名", [
        text("1", undefined, "特定個人情報ファイル名", { fill: "I.fileNames" }),
      ]),
      head("4", "4", "個人番号の利用", [text("1", undefined, "法令上の根拠", { fill: "I.legalBasisUse" })], {
        mark: true,
      }),
      networkLinkage("5"),
      departments("6"),
      head("7", "7", "他の評価実施機関", [text("1", undefined, "他の評価実施機関", { fill: "I.otherAssessors" })]),
    ]),
    head("II", "Ⅱ", "特定個人情報ファイルの概要", [
      head(
        "file",
        undefined,
        "特定個人情報ファイル",
        [
          head("1", "1", "特定個人情報ファイル名", [
            text("1", undefined, "特定個人情報ファイル名", { fill: "file.name" }),
          ]),
          head("2", "2", "基本情報", basicInfo(false)),
          head("3", "3", "特定個人情報の入手・使用", [
            checks("1", "①", "入手元", SOURCE_CHOICES, { mark: true, fill: "acq.sources" }),
            checks("2", "②", "入手方法", ACQUISITION_METHOD_CHOICES, { fill: "acq.methods" }),
            text("3", "③", "使用目的", { mark: true, fill: "file.usePurpose" }),
            text("4", "④", "使用部署", { mark: true, fill: "file.useDepartment" }),
            single("4n", undefined, "使用者数", HANDLER_COUNT_BANDS, { fill: "file.users" }),
            text("5", "⑤", "使用方法", { mark: true, fill: "use.method" }),
            text("5a", undefined, "情報の突合", { mark: true }),
            text("6", "⑥", "使用開始日"),
          ]),
          head("4", "4", "特定個人情報ファイルの取扱いの委託", [
            single("has", undefined, "委託の有無", DELEGATION_CHOICES, { mark: true, fill: "deleg.has" }),
            node("count", undefined, "委託件数", "count", { fill: "deleg.count" }),
            head(
              "d",
              undefined,
              "委託事項",
              [
                text("1", "①", "委託内容", { fill: "deleg.content" }),
                single("2", "②", "委託先における取扱者数", HANDLER_COUNT_BANDS, { fill: "deleg.handlers" }),
                text("3", "③", "委託先名", { fill: "deleg.contractor" }),
                single("4", "④", "再委託の有無", SUBCONTRACT_CHOICES, { mark: true, fill: "deleg.subcontract" }),
                text("5", "⑤", "再委託の許諾方法", { fill: "deleg.subcontractApproval" }),
                text("6", "⑥", "再委託事項", { fill: "deleg.subcontractItems" }),
              ],
              { repeat: "delegation", fill: "deleg.name" },
            ),
          ]),
          provisionBlock(),
          head("6", "6", "特定個人情報の保管・消去", [
            text("1", undefined, "保管場所", { mark: true, fill: "store.location" }),
          ]),
          head("7", "7", "備考", [text("1", undefined, "備考", { fill: "file.note" })]),
        ],
        { repeat: "file", fill: "file.name" },
      ),
    ]),
    head("A1", "(別添1)", "特定個人情報ファイル記録項目", [
      text("1", undefined, "特定個人情報ファイル記録項目", { fill: "appendix.recordItems" }),
    ]),
    head(
      "III",
      "Ⅲ",
      "リスク対策",
      [
        head(
          "file",
          undefined,
          "特定個人情報ファイル",
          [
            head("1", "1", "特定個人情報ファイル名", [
              text("1", undefined, "特定個人情報ファイル名", { fill: "file.name" }),
            ]),
            head("2", "2", "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）", [
              head(
                "risk",
                undefined,
                `リスク：${RISK_TITLES["III.2.risk1"]}`,
                [
                  measures("a", "リスクに対する措置の内容", "III.2.risk1", [...S("III.2.risk1"), ...OTHER]),
                  enough("III.2.risk1"),
                ],
                { risk: "III.2.risk1" },
              ),
              otherRisks(
                "other",
                "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置",
                "III.2",
                FOCUSED_FOLDED["III.2"],
              ),
            ]),
            head("3", "3", "特定個人情報の使用", [
              head(
                "risk1",
                "リスク1",
                RISK_TITLES["III.3.risk1"] as string,
                [
                  measures("a", "リスクに対する措置の内容", "III.3.risk1", [...S("III.3.risk1"), ...OTHER]),
                  enough("III.3.risk1"),
                ],
                { risk: "III.3.risk1" },
              ),
              head(
                "risk2",
                "リスク2",
                RISK_TITLES["III.3.risk2"] as string,
                [
                  presence("a", "ユーザ認証の管理", YESNO_DO, "III.3.risk2", ["authentication", "multi_factor"], {
                    profile: "access.authentication",
                  }),
                  measures(
                    "ad",
                    "具体的な管理方法",
                    "III.3.risk2",
                    ["authentication", "multi_factor", "access_control"],
                    { profile: "access.authenticationMethod" },
                  ),
                  measures("b", "その他の措置の内容", "III.3.risk2", ["operation_log", ...OTHER]),
                  enough("III.3.risk2", { gathers: ["III.3.risk2", "III.3.risk3", "III.3.risk4"] }),
                ],
                { risk: "III.3.risk2" },
              ),
              otherRisks(
                "other",
                "特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置",
                "III.3",
                FOCUSED_FOLDED["III.3"],
              ),
            ]),
            head("4", "4", "特定個人情報ファイルの取扱いの委託", [
              node("none", undefined, "委託しない", "none_box", { fill: "flag.delegationNone" }),
              head(
                "risk",
                undefined,
                "リスク：委託先における不正な使用等のリスク",
                [
                  presence("a", "委託契約書中の特定個人情報ファイルの取扱いに関する規定", RULE, "III.4.risk1", [
                    "contract_clause",
                  ]),
                  measures("ad", "規定の内容", "III.4.risk1", ["contract_clause"]),
                  single(
                    "b",
                    undefined,
                    "再委託先による特定個人情報ファイルの適切な取扱いの担保",
                    SUBCONTRACT_ASSURANCE,
                    { fill: "subcontract.assurance" },
                  ),
                  text("bd", undefined, "具体的な方法"),
                  measures(
                    "c",
                    "その他の措置の内容",
                    "III.4.risk1",
                    S("III.4")
                      .filter((k) => k !== "contract_clause")
                      .concat(OTHER),
                  ),
                  enough("III.4", { gathers: ALL4 }),
                ],
                { risk: "III.4" },
              ),
              otherRisks(
                "other",
                "特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置",
                "III.4",
              ),
            ]),
            head("5", "5", "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）", [
              node("none", undefined, "提供・移転しない", "none_box", { fill: "flag.provisionNone" }),
              head(
                "risk",
                undefined,
                `リスク：${RISK_TITLES["III.5.risk1"]}`,
                [
                  single("a", undefined, "特定個人情報の提供・移転に関するルール", RULE),
                  text("ad", undefined, "ルールの内容及びルール遵守の確認方法"),
                  measures("b", "その他の措置の内容", "III.5.risk1", [...S("III.5.risk1"), ...OTHER]),
                  enough("III.5.risk1"),
                ],
                { risk: "III.5.risk1" },
              ),
              otherRisks(
                "other",
                "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）におけるその他のリスク及びそのリスクに対する措置",
                "III.5",
                FOCUSED_FOLDED["III.5"],
              ),
            ]),
            head("6", "6", "情報提供ネットワークシステムとの接続", [
              node("noneIn", undefined, "接続しない（入手）", "none_box", { fill: "flag.networkNoAcquire" }),
              node("noneOut", undefined, "接続しない（提供）", "none_box", { fill: "flag.networkNoProvide" }),
              head(
                "risk1",
                "リスク1",
                RISK_TITLES["III.6.risk1"] as string,
                [
                  measures("a", "リスクに対する措置の内容", "III.6.risk1", S("III.6.risk1")),
                  enough("III.6.risk1", { gathers: ["III.6.risk1", "III.6.risk2", "III.6.risk3", "III.6.risk4"] }),
                ],
                { risk: "III.6.risk1" },
              ),
              head(
                "risk2",
                "リスク2",
                RISK_TITLES["III.6.risk5"] as string,
                [
                  measures("a", "リスクに対する措置の内容", "III.6.risk5", S("III.6.risk5")),
                  enough("III.6.risk5", { gathers: ["III.6.risk5", "III.6.risk6", "III.6.risk7"] }),
                ],
                { risk: "III.6.risk5" },
              ),
              otherRisks(
                "other",
                "情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置",
                "III.6",
                FOCUSED_FOLDED["III.6"],
              ),
            ]),
            head("7", "7", "特定個人情報の保管・消去", [
              head(
                "risk",
                undefined,
                `リスク：${RISK_TITLES["III.7.risk1"]}`,
                [
                  single("1", "①", "事故発生時手順の策定・周知", EFFORT, { profile: "security.incidentProcedure" }),
                  ...incident3Years("2", "②"),
                  measures("o", "その他の措置の内容", "III.7.risk1", [...S("III.7.risk1"), ...OTHER]),
                  enough("III.7.risk1", { gathers: ["III.7.risk1", "III.7.risk2", "III.7.risk3"] }),
                ],
                { risk: "III.7.risk1" },
              ),
              otherRisks(
                "other",
                "特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置",
                "III.7",
                FOCUSED_FOLDED["III.7"],
              ),
            ]),
          ],
          { repeat: "file", fill: "file.name" },
        ),
        ...auditAndTraining(true),
      ],
      { mark: true },
    ),
    head("IV", "Ⅳ", "開示請求、問合せ", disclosure(false)),
    head("V", "Ⅴ", "評価実施手続", [
      head("1", "1", "基礎項目評価", [
        text("1", "①", "実施日"),
        single("2", "②", "しきい値判断結果", THRESHOLD_RESULTS, { fill: "threshold" }),
      ]),
      head("2", "2", "国民・住民等からの意見の聴取【任意】", [
        text("1", "①", "方法", { profile: "procedure.hearingMethod" }),
        text("2", "②", "実施日・期間"),
        text("3", "③", "主な意見の内容"),
      ]),
      head("3", "3", "第三者点検【任意】", [
        text("1", "①", "実施日"),
        text("2", "②", "方法", { profile: "procedure.reviewMethod" }),
        text("3", "③", "結果"),
      ]),
    ]),
    changes("A2", "(別添2)"),
  ];
}

// ---------------------------------------------------------------- 基礎項目評価書 (様式2)

function basicForm(): FormDef[] {
  const block = (key: string, title: string, risk: string, extra: FormDef[] = [], gathers?: readonly string[]) =>
    head(key, key, title, [...extra, enough(risk, gathers ? { gathers } : {})], { risk });
  return [
    cover(),
    head("I", "Ⅰ", "関連情報", [
      head("1", "1", "特定個人情報ファイルを取り扱う事務", [
        text("1", "①", "事務の名称", { fill: "I.jimuName" }),
        text("2", "②", "事務の概要", { fill: "I.jimuSummary" }),
        text("3", "③", "システムの名称", { fill: "sys.names" }),
      ]),
      head("2", "2", "特定個人情報ファイル名", [
        text("1", undefined, "特定個人情報ファイル名", { fill: "I.fileNames" }),
      ]),
      head("3", "3", "個人番号の利用", [text("1", undefined, "法令上の根拠", { fill: "I.legalBasisUse" })]),
      networkLinkage("4"),
      departments("5"),
      head("6", "6", "他の評価実施機関", [text("1", undefined, "他の評価実施機関", { fill: "I.otherAssessors" })]),
      head("7", "7", "特定個人情報の開示・訂正・利用停止請求", [
        text("1", undefined, "請求先", { profile: "disclosure.requestTo" }),
      ]),
      head("8", "8", "特定個人情報ファイルの取扱いに関する問合せ", [
        text("1", undefined, "連絡先", { profile: "inquiry.contact" }),
      ]),
    ]),
    head("II", "Ⅱ", "しきい値判断項目", [
      head("1", "1", "対象人数", [
        single("1", undefined, "評価対象の事務の対象人数は何人か", POPULATION_BANDS, { fill: "I.population" }),
        text("2", undefined, "いつ時点の計数か"),
      ]),
      head("2", "2", "取扱者数", [
        single("1", undefined, "特定個人情報ファイル取扱者数は500人以上か", ["500人以上", "500人未満"], {
          fill: "threshold.handlers",
        }),
        text("2", undefined, "いつ時点の計数か"),
      ]),
      head("3", "3", "重大事故", [
        single(
          "1",
          undefined,
          "過去1年以内に、評価実施機関において特定個人情報に関する重大事故が発生したか",
          INCIDENT_CHOICES,
          { fill: "threshold.incident", profile: "incidents.pastYear" },
        ),
      ]),
    ]),
    head("III", "Ⅲ", "しきい値判断結果", [
      single("1", undefined, "しきい値判断結果", THRESHOLD_RESULTS, { fill: "threshold" }),
    ]),
    head("IV", "Ⅳ", "リスク対策", [
      block(
        "2",
        "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）",
        "III.2",
        [],
        ["III.2.risk1", "III.2.risk2", "III.2.risk3", "III.2.risk4"],
      ),
      block("3", "特定個人情報の使用", "III.3", [], ["III.3.risk1", "III.3.risk2", "III.3.risk3", "III.3.risk4"]),
      block(
        "4",
        "特定個人情報ファイルの取扱いの委託",
        "III.4",
        [node("none", undefined, "委託しない", "none_box", { fill: "flag.delegationNone" })],
        ["III.4.risk1", "III.4.risk2", "III.4.risk3", "III.4.risk4", "III.4.risk5"],
      ),
      block(
        "5",
        "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
        "III.5",
        [node("none", undefined, "提供・移転しない", "none_box", { fill: "flag.provisionNone" })],
        ["III.5.risk1", "III.5.risk2", "III.5.risk3"],
      ),
      block(
        "6",
        "情報提供ネットワークシステムとの接続",
        "III.6",
        [
          node("noneIn", undefined, "接続しない（入手）", "none_box", { fill: "flag.networkNoAcquire" }),
          node("noneOut", undefined, "接続しない（提供）", "none_box", { fill: "flag.networkNoProvide" }),
        ],
        ["III.6.risk1", "III.6.risk2", "III.6.risk3", "III.6.risk4", "III.6.risk5", "III.6.risk6", "III.6.risk7"],
      ),
      block("7", "特定個人情報の保管・消去", "III.7", [], ["III.7.risk1", "III.7.risk2", "III.7.risk3"]),
      head("8", "8", "監査", [checks("1", undefined, "実施の有無", AUDIT_CHOICES, { profile: "audit.kinds" })]),
      head("9", "9", "従業者に対する教育・啓発", [
        single("1", undefined, "従業者に対する教育・啓発", EFFORT, { profile: "training.level" }),
      ]),
    ]),
  ];
}

/**
 * 重点 and 基礎 have no 事務の内容 figure of their own; the drawing and its (備考) list are appended for reference
 * (the 全項目 form has them as 別添1).
 */
const referenceFlow = (): FormDef =>
  head("R", "（参考）", "事務の内容", [
    node("diagram", undefined, "事務の内容（図）", "table", { fill: "appendix.diagram" }),
    node("steps", undefined, "（備考）", "table", { fill: "appendix.steps" }),
  ]);

/** 別紙N 提供先一覧 / 移転先一覧: one per 提供先・移転先 that stands for a list, referred to from Ⅱ5. */
const recipientAnnex = (): FormDef =>
  head("annex", undefined, "提供先・移転先一覧", [node("list", undefined, "一覧", "table", { fill: "annex.table" })], {
    repeat: "annex",
  });

const FORMS: Record<AssessmentKind, () => FormDef[]> = {
  basic: () => [...basicForm(), referenceFlow()],
  focused: () => [...focusedForm(), recipientAnnex(), referenceFlow()],
  full: () => [...fullForm(), recipientAnnex()],
};

/** The blank form of a kind of 評価書 (a fresh copy). */
export function formStructure(kind: AssessmentKind): FormDef[] {
  return FORMS[kind]();
}

export const FORM_TITLES: Record<AssessmentKind, string> = {
  basic: "特定個人情報保護評価書（基礎項目評価書）",
  focused: "特定個人情報保護評価書（重点項目評価書）",
  full: "特定個人情報保護評価書（全項目評価書）",
};
