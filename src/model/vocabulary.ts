/**
 * The controlled vocabulary of Nagare: node kinds after the 別添1 legend, parties, transports with their
 * derived properties, safeguards and the 評価書 choice lists. Labels are the 評価書's own words (ja) with an
 * English gloss; identifiers are English and stable (they are stored in files).
 */

export interface Term {
  ja: string;
  en: string;
}

/** Node kinds, one per 別添1 legend entry. */
export const NODE_KINDS = {
  person: { ja: "本人・代理人", en: "Data subject / agent" },
  staff: { ja: "職員", en: "Staff" },
  terminal: { ja: "端末", en: "Terminal" },
  system_own: { ja: "自組織のシステム", en: "Own system" },
  system_external: { ja: "他組織のシステム", en: "Other organisation's system" },
  contractor: { ja: "委託先", en: "Contractor" },
  subcontractor: { ja: "再委託先", en: "Subcontractor" },
  agency: { ja: "他機関", en: "Other body" },
  department: { ja: "庁内他部署", en: "Other department" },
  media: { ja: "外部記録媒体", en: "Removable media" },
  paper: { ja: "紙", en: "Paper" },
  store: { ja: "ファイル・データベース", en: "File / database" },
  network_device: { ja: "NW機器", en: "Network device" },
  disposal: { ja: "廃棄・消去", en: "Disposal" },
} as const satisfies Record<string, Term>;
export type NodeKind = keyof typeof NODE_KINDS;
export const NODE_KIND_IDS = Object.keys(NODE_KINDS) as [NodeKind, ...NodeKind[]];

/**
 * Who a node belongs to, seen from the 評価実施機関. This, not geometry, decides whether a flow is
 * 入手, 委託, 提供 or 移転.
 */
export const PARTIES = {
  subject: { ja: "本人", en: "Data subject" },
  self: { ja: "自組織（評価対象の事務）", en: "Own organisation (this 事務)" },
  self_department: { ja: "評価実施機関内の他部署", en: "Other department of the same body" },
  self_other_organ: {
    ja: "同一地方公共団体の他の機関",
    en: "Other organ of the same local government",
  },
  contractor: { ja: "委託先", en: "Contractor" },
  subcontractor: { ja: "再委託先", en: "Subcontractor" },
  external: { ja: "他機関", en: "Other organisation" },
} as const satisfies Record<string, Term>;
export type Party = keyof typeof PARTIES;
export const PARTY_IDS = Object.keys(PARTIES) as [Party, ...Party[]];

/** Kinds of 他機関, as the 入手元 choice list names them. */
export const EXTERNAL_BODY_TYPES = {
  national: { ja: "行政機関・独立行政法人等", en: "National body / independent administrative agency" },
  local: { ja: "地方公共団体・地方独立行政法人", en: "Local government / local IAA" },
  private: { ja: "民間事業者", en: "Private business" },
  other: { ja: "その他", en: "Other" },
} as const satisfies Record<string, Term>;
export type ExternalBodyType = keyof typeof EXTERNAL_BODY_TYPES;
export const EXTERNAL_BODY_TYPE_IDS = Object.keys(EXTERNAL_BODY_TYPES) as [ExternalBodyType, ...ExternalBodyType[]];

/** What a system node is, for the 他のシステムとの接続 boxes of Ⅰ2③. */
export const SYSTEM_ROLES = {
  info_provision_network: { ja: "情報提供ネットワークシステム", en: "Information provision network" },
  intra_linkage: { ja: "庁内連携システム", en: "Intra-office linkage system" },
  juki_net: { ja: "住民基本台帳ネットワークシステム", en: "Juki-net" },
  existing_juki: { ja: "既存住民基本台帳システム", en: "Existing resident registry system" },
  atena: { ja: "宛名システム等", en: "Address (atena) system" },
  tax: { ja: "税務システム", en: "Tax system" },
  middle_server: { ja: "中間サーバー", en: "Intermediate server" },
  mynaportal: { ja: "マイナポータル", en: "Mynaportal" },
  business: { ja: "業務システム", en: "Business system" },
  other: { ja: "その他", en: "Other" },
} as const satisfies Record<string, Term>;
export type SystemRole = keyof typeof SYSTEM_ROLES;
export const SYSTEM_ROLE_IDS = Object.keys(SYSTEM_ROLES) as [SystemRole, ...SystemRole[]];

/** The PPC's 入手方法 / 提供方法 check boxes (Ⅱ3②, Ⅱ4④, Ⅱ5⑥). */
export const PPC_METHODS = {
  paper: { ja: "紙", en: "Paper" },
  removable_media: { ja: "電子記録媒体（フラッシュメモリを除く。）", en: "Electronic media (not flash memory)" },
  flash_memory: { ja: "フラッシュメモリ", en: "Flash memory" },
  email: { ja: "電子メール", en: "Email" },
  dedicated_line: { ja: "専用線", en: "Dedicated line" },
  intra_linkage: { ja: "庁内連携システム", en: "Intra-office linkage system" },
  info_provision_network: { ja: "情報提供ネットワークシステム", en: "Information provision network" },
  other: { ja: "その他", en: "Other" },
} as const satisfies Record<string, Term>;
export type PpcMethod = keyof typeof PPC_METHODS;

export interface TransportProperties {
  /** Carried by hand or post: loss, theft, chain of custody, disposal. */
  physical: boolean;
  /** A closed network (専用線, LGWAN, 庁内): plays the role of a VPN. */
  closedNetwork: boolean;
  /** Crosses the internet or another public network. */
  publicNetwork: boolean;
  /** Encrypted without anyone having to do something (e.g. TLS of an online form). */
  encryptedByDefault: boolean;
  /** Can reach the wrong recipient by a slip (mail address, postal address, fax number). */
  misdeliveryProne: boolean;
}

export interface TransportDef extends Term {
  /** Short text for the badge on the canvas. */
  badge: string;
  /** The PPC check box this transport is reported under. */
  ppc: PpcMethod;
  props: TransportProperties;
}

const P = (p: Partial<TransportProperties>): TransportProperties => ({
  physical: false,
  closedNetwork: false,
  publicNetwork: false,
  encryptedByDefault: false,
  misdeliveryProne: false,
  ...p,
});

/** The PPC vocabulary refined with the channels 別添1 diagrams name. */
export const TRANSPORTS = {
  paper: { ja: "紙", en: "Paper", badge: "紙", ppc: "paper", props: P({ physical: true }) },
  post: {
    ja: "郵送",
    en: "Post",
    badge: "郵送",
    ppc: "paper",
    props: P({ physical: true, misdeliveryProne: true }),
  },
  counter: { ja: "窓口", en: "Counter", badge: "窓口", ppc: "paper", props: P({ physical: true }) },
  removable_media: {
    ja: "電子記録媒体（フラッシュメモリを除く。）",
    en: "Electronic media (CD, DVD, tape …)",
    badge: "媒体",
    ppc: "removable_media",
    props: P({ physical: true }),
  },
  flash_memory: {
    ja: "フラッシュメモリ",
    en: "Flash memory (USB)",
    badge: "USB",
    ppc: "flash_memory",
    props: P({ physical: true }),
  },
  email: {
    ja: "電子メール（庁内・LGWAN）",
    en: "Email (internal / LGWAN)",
    badge: "メール",
    ppc: "email",
    props: P({ closedNetwork: true, misdeliveryProne: true }),
  },
  internet_email: {
    ja: "電子メール（インターネット）",
    en: "Email (internet)",
    badge: "ネットメール",
    ppc: "email",
    props: P({ publicNetwork: true, misdeliveryProne: true }),
  },
  fax: {
    ja: "FAX",
    en: "Fax",
    badge: "FAX",
    ppc: "other",
    props: P({ publicNetwork: true, misdeliveryProne: true }),
  },
  dedicated_line: {
    ja: "専用線",
    en: "Dedicated line",
    badge: "専用線",
    ppc: "dedicated_line",
    props: P({ closedNetwork: true }),
  },
  intra_linkage: {
    ja: "庁内連携システム",
    en: "Intra-office linkage system",
    badge: "庁内",
    ppc: "intra_linkage",
    props: P({ closedNetwork: true }),
  },
  intra_network: {
    ja: "庁内ネットワーク",
    en: "Intra-office network",
    badge: "庁内NW",
    ppc: "other",
    props: P({ closedNetwork: true }),
  },
  db_direct: {
    ja: "データベース直接参照",
    en: "Direct database access",
    badge: "DB参照",
    ppc: "other",
    props: P({ closedNetwork: true }),
  },
  info_provision_network: {
    ja: "情報提供ネットワークシステム",
    en: "Information provision network",
    badge: "情報提供NW",
    ppc: "info_provision_network",
    props: P({ closedNetwork: true, encryptedByDefault: true }),
  },
  juki_net: {
    ja: "住民基本台帳ネットワークシステム",
    en: "Juki-net",
    badge: "住基ネット",
    ppc: "other",
    props: P({ closedNetwork: true, encryptedByDefault: true }),
  },
  lgwan: { ja: "LGWAN", en: "LGWAN", badge: "LGWAN", ppc: "other", props: P({ closedNetwork: true }) },
  internet: {
    ja: "インターネット",
    en: "Internet",
    badge: "ネット",
    ppc: "other",
    props: P({ publicNetwork: true }),
  },
  online_application: {
    ja: "オンライン申請・API（暗号化通信）",
    en: "Online application / API (TLS)",
    badge: "オンライン",
    ppc: "other",
    props: P({ publicNetwork: true, encryptedByDefault: true }),
  },
  specified_communication: {
    ja: "特定通信",
    en: "Specified communication (LGWAN-ASP route)",
    badge: "特定通信",
    ppc: "other",
    props: P({ closedNetwork: true, encryptedByDefault: true }),
  },
  phone: { ja: "電話", en: "Telephone", badge: "電話", ppc: "other", props: P({ publicNetwork: true }) },
  in_system: {
    ja: "システム内処理",
    en: "Within one system",
    badge: "内部",
    ppc: "other",
    props: P({ closedNetwork: true }),
  },
  other: { ja: "その他", en: "Other", badge: "他", ppc: "other", props: P({}) },
} as const satisfies Record<string, TransportDef>;
export type TransportId = keyof typeof TRANSPORTS;
export const TRANSPORT_IDS = Object.keys(TRANSPORTS) as [TransportId, ...TransportId[]];

/** Safeguards on nodes and flows. `note` on the record carries the 評価書's own wording. */
export const SAFEGUARDS = {
  encryption: { ja: "暗号化", en: "Encryption" },
  content_encryption: { ja: "ファイルの暗号化・パスワード設定", en: "Content encryption" },
  channel_encryption: { ja: "通信の暗号化", en: "Channel encryption" },
  authentication: { ja: "認証（ID・パスワード）", en: "Authentication" },
  multi_factor: { ja: "多要素認証・生体認証", en: "Multi-factor / biometric authentication" },
  access_control: { ja: "アクセス権限の管理", en: "Access control" },
  operation_log: { ja: "操作ログの記録", en: "Operation log" },
  locked_storage: { ja: "施錠保管", en: "Locked storage" },
  media_ledger: { ja: "媒体の台帳管理", en: "Media ledger" },
  delete_after_transfer: { ja: "連携後直ちに削除", en: "Deleted right after the transfer" },
  tracked_mail: { ja: "追跡可能な郵送（簡易書留等）", en: "Tracked mail" },
  address_check: { ja: "宛先の複数人確認", en: "Recipient double-check" },
  two_person_check: { ja: "複数人による確認", en: "Two-person check" },
  identity_verification: { ja: "本人確認", en: "Identity verification" },
  number_verification: { ja: "個人番号の真正性確認", en: "My Number authenticity check" },
  counter_partition: { ja: "窓口の間仕切り", en: "Counter partitions" },
  surveillance: { ja: "入退室管理・監視カメラ", en: "Entry control / CCTV" },
  physical_destruction: { ja: "物理的破壊・溶解処理", en: "Physical destruction" },
  secure_erase: { ja: "データ消去ソフトによる完全消去", en: "Secure erase" },
  backup: { ja: "バックアップ", en: "Backup" },
  network_separation: { ja: "ネットワーク分離", en: "Network separation" },
  firewall: { ja: "ファイアウォール・通信制御", en: "Firewall / traffic control" },
  malware_protection: { ja: "ウイルス対策", en: "Malware protection" },
  retention_rule: { ja: "保管期間の定め", en: "Retention rule" },
  deletion_rule: { ja: "消去手順の定め", en: "Deletion procedure" },
  contract_clause: { ja: "契約書の規定", en: "Contract clause" },
  audit: { ja: "監査・点検", en: "Audit" },
  minimal_items: { ja: "必要最小限の項目", en: "Minimal data items" },
  other: { ja: "その他", en: "Other" },
} as const satisfies Record<string, Term>;
export type SafeguardKind = keyof typeof SAFEGUARDS;
export const SAFEGUARD_IDS = Object.keys(SAFEGUARDS) as [SafeguardKind, ...SafeguardKind[]];

/** Lane kinds (the columns of a 別添1 diagram). A lane implies the party of the nodes in it. */
export const LANE_KINDS = {
  subject: { ja: "本人", en: "Data subject", party: "subject" },
  contractor: { ja: "委託先", en: "Contractors", party: "contractor" },
  self: { ja: "自組織", en: "Own organisation", party: "self" },
  department: { ja: "庁内他部署", en: "Other departments", party: "self_department" },
  external: { ja: "他機関", en: "Other organisations", party: "external" },
  other: { ja: "その他", en: "Other", party: null },
} as const satisfies Record<string, Term & { party: Party | null }>;
export type LaneKind = keyof typeof LANE_KINDS;
export const LANE_KIND_IDS = Object.keys(LANE_KINDS) as [LaneKind, ...LaneKind[]];

/** Boundary kinds (network zones and platforms). */
export const BOUNDARY_KINDS = {
  intranet: { ja: "庁内ネットワーク", en: "Intra-office network" },
  mynumber_segment: { ja: "個人番号利用事務系", en: "My Number use segment" },
  lgwan_segment: { ja: "LGWAN接続系", en: "LGWAN segment" },
  internet_segment: { ja: "インターネット接続系", en: "Internet segment" },
  middle_server_platform: { ja: "中間サーバー・プラットフォーム", en: "Intermediate server platform" },
  government_cloud: { ja: "ガバメントクラウド", en: "Government cloud" },
  juki_net: { ja: "住基ネット", en: "Juki-net" },
  datacenter: { ja: "データセンター", en: "Data centre" },
  contractor_site: { ja: "委託先の作業場所", en: "Contractor premises" },
  other: { ja: "その他", en: "Other" },
} as const satisfies Record<string, Term>;
export type BoundaryKind = keyof typeof BOUNDARY_KINDS;
export const BOUNDARY_KIND_IDS = Object.keys(BOUNDARY_KINDS) as [BoundaryKind, ...BoundaryKind[]];

/** 評価書の種類. */
export const ASSESSMENT_KINDS = {
  basic: { ja: "基礎項目評価書", en: "Basic assessment" },
  focused: { ja: "重点項目評価書", en: "Focused assessment" },
  full: { ja: "全項目評価書", en: "Full assessment" },
} as const satisfies Record<string, Term>;
export type AssessmentKind = keyof typeof ASSESSMENT_KINDS;

/** The 評価書 phases a flow can belong to (the blocks of Ⅱ and Ⅲ). */
export const PHASES = {
  acquisition: { ja: "入手", en: "Acquisition" },
  use: { ja: "使用", en: "Use" },
  delegation: { ja: "委託", en: "Delegation" },
  provision: { ja: "提供", en: "Provision" },
  transfer: { ja: "移転", en: "Transfer" },
  network_inquiry: {
    ja: "情報提供ネットワークシステム経由の照会（入手）",
    en: "Inquiry via the information provision network",
  },
  network_provision: {
    ja: "情報提供ネットワークシステム経由の提供",
    en: "Provision via the information provision network",
  },
  storage: { ja: "保管", en: "Storage" },
  disposal: { ja: "消去", en: "Disposal" },
} as const satisfies Record<string, Term>;
export type Phase = keyof typeof PHASES;
export const PHASE_IDS = Object.keys(PHASES) as [Phase, ...Phase[]];

/** Ⅱ6② 保管期間. */
export const RETENTION_PERIODS = [
  "1年未満",
  "1年",
  "2年",
  "3年",
  "4年",
  "5年",
  "6年以上10年未満",
  "10年以上20年未満",
  "20年以上",
  "定められていない",
] as const;

/** Ⅰ1③ 対象人数 bands. */
export const POPULATION_BANDS = [
  "1,000人未満（任意実施）",
  "1,000人以上1万人未満",
  "1万人以上10万人未満",
  "10万人以上30万人未満",
  "30万人以上",
] as const;

/** Ⅱ2② 対象となる本人の数 bands. */
export const SUBJECT_COUNT_BANDS = [
  "1万人未満",
  "1万人以上10万人未満",
  "10万人以上100万人未満",
  "100万人以上1,000万人未満",
  "1,000万人以上",
] as const;

/** Ⅱ3⑦ 使用者数 / Ⅱ4③ 取扱者数 bands. */
export const HANDLER_COUNT_BANDS = [
  "10人未満",
  "10人以上50人未満",
  "50人以上100人未満",
  "100人以上500人未満",
  "500人以上1,000人未満",
  "1,000人以上",
] as const;

/** Ⅱ2④ 記録される項目 bands. */
export const RECORD_ITEM_BANDS = [
  "10項目未満",
  "10項目以上50項目未満",
  "50項目以上100項目未満",
  "100項目以上",
] as const;

/** Ⅱ2④ 主な記録項目: the 様式's categories of record items, under its three headings. */
export const RECORD_ITEM_CATEGORY_GROUPS = [
  { heading: "識別情報", categories: ["個人番号", "個人番号対応符号", "その他識別情報（内部番号）"] },
  {
    heading: "連絡先等情報",
    categories: ["4情報（氏名、性別、生年月日、住所）", "連絡先（電話番号等）", "その他住民票関係情報"],
  },
  {
    heading: "業務関係情報",
    categories: [
      "国税関係情報",
      "地方税関係情報",
      "健康・医療関係情報",
      "医療保険関係情報",
      "児童福祉・子育て関係情報",
      "障害者福祉関係情報",
      "生活保護・社会福祉関係情報",
      "介護・高齢者福祉関係情報",
      "雇用・労働関係情報",
      "年金関係情報",
      "学校・教育関係情報",
      "災害関係情報",
      "その他",
    ],
  },
] as const;
export const RECORD_ITEM_CATEGORIES = RECORD_ITEM_CATEGORY_GROUPS.flatMap((g) => g.categories);
export type RecordItemCategory = (typeof RECORD_ITEM_CATEGORY_GROUPS)[number]["categories"][number];

/** 「リスクへの対策は十分か」 */
export const SUFFICIENCY = ["特に力を入れている", "十分である", "課題が残されている"] as const;
