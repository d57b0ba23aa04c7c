import {
  HANDLER_COUNT_BANDS,
  type LegalBasis,
  LIMITS,
  NODE_KIND_IDS,
  type NodeKind,
  type Phase,
  type Safeguard,
  type SafeguardKind,
  SUBJECT_COUNT_BANDS,
  type TransportId,
} from "../../model";

/**
 * The mapping from the structured reading's vocabulary onto the model's. Each function is total: an input it
 * does not know gives undefined (an honest gap), never a guess.
 */

export function mapKind(kind: string): NodeKind {
  if ((NODE_KIND_IDS as readonly string[]).includes(kind)) return kind as NodeKind;
  throw new Error(`unknown node kind in reading: ${kind}`);
}

const SILENT = /不記載|記載なし|書かれていない|明記なし/;

/** The reading's transport → model transport; undefined when the text does not name the channel. */
export function mapTransport(
  transport: string | null | undefined,
  text: string | null | undefined,
): TransportId | undefined {
  const t = text ?? "";
  switch (transport) {
    case null:
    case undefined:
      return undefined;
    case "paper":
    case "counter":
    case "removable_media":
    case "flash_memory":
    case "dedicated_line":
    case "lgwan":
    case "juki_net":
    case "info_provision_network":
    case "db_direct":
      return transport;
    case "mail":
      return "post";
    case "intra_network":
      return /庁内連携|共通基盤|連携機能|統合宛名/.test(t) ? "intra_linkage" : "intra_network";
    case "internet":
      return /オンライン|LoGo|フォーム|電子申請|申込|API/i.test(t) ? "online_application" : "internet";
    case "api":
      return "online_application";
    case "other":
      // "other" with a text that says the channel is not written is a gap, not a channel.
      return SILENT.test(t) && !/その他/.test(t) ? undefined : "other";
    default:
      throw new Error(`unknown transport in reading: ${transport}`);
  }
}

const CATEGORY_PHASE: Record<string, Phase> = {
  acquisition: "acquisition",
  use: "use",
  delegation: "delegation",
  provision: "provision",
  transfer: "transfer",
  network_inquiry: "network_inquiry",
  network_provision: "network_provision",
  storage: "storage",
  disposal: "disposal",
};

export function mapCategory(category: string | null | undefined): Phase | undefined {
  if (!category) return undefined;
  const p = CATEGORY_PHASE[category];
  if (!p) throw new Error(`unknown category in reading: ${category}`);
  return p;
}

/** Keyword rules, first match wins; the original wording always goes into `note`. */
const SAFEGUARD_RULES: [RegExp, SafeguardKind][] = [
  [/パスワード(の)?付与|パスワード設定/, "content_encryption"],
  [/(通信|回線|専用ネットワーク|VPN).*暗号|暗号.*(通信|回線)/, "channel_encryption"],
  [/暗号/, "encryption"],
  [/連携完了後.*削除|直ちに.*削除|納品後.*削除|作業完了後.*削除/, "delete_after_transfer"],
  [/台帳|記録簿|持出し・持込みの記録/, "media_ledger"],
  [/施錠|鍵付|ロッカー|キャビネット|書庫/, "locked_storage"],
  [/追跡|証跡管理/, "tracked_mail"],
  [/真正性|チェックデジット/, "number_verification"],
  [/本人確認|公的個人認証|委任状/, "identity_verification"],
  [/間仕切り|パーティション|目隠し/, "counter_partition"],
  [/監視カメラ|入退|警備|専用室|出入口|入室/, "surveillance"],
  [/物理的破壊|破砕|溶解|シュレッダー/, "physical_destruction"],
  [/専用ソフト|完全消去|NIST|復元不可能/, "secure_erase"],
  [/全消去/, "deletion_rule"],
  [/多要素|二要素|生体|指静脈|顔\)?認証/, "multi_factor"],
  [/分離|閉域|特定通信|経路限定|専用回線|専用線/, "network_separation"],
  [/ログ|操作履歴|操作記録|ダウンロード履歴|記録を残|記録し|出力記録/, "operation_log"],
  [/認証|ID|パスワード/, "authentication"],
  [
    /必要最小限|必要以外|必要な情報のみ|必要項目のみ|許可(を受け)?た項目|項目以外|仕様外|対象者の情報のみ|対象者にのみ|ダミーデータ/,
    "minimal_items",
  ],
  [/決裁|所属長許可|上長承認|事前許可|利用届|事前承認(?!制)|許可された|許可のない|限り/, "access_control"],
  [/契約|仕様書|誓約書|書面|許諾|再委託|義務|申請書/, "contract_clause"],
  [/監査|立入|点検|ヒアリング|報告書|証明書を提出|管理体制の確認|選定時/, "audit"],
  [/複数人|別の者が確認|照合|突合|チェック/, "two_person_check"],
  [/一定期間(経過)?後|保存期間|保管期間/, "retention_rule"],
  [/削除|消去/, "deletion_rule"],
  [/バックアップ/, "backup"],
  [/権限|アクセス|閲覧不可|のみ|限定|禁止|制限|専用端末/, "access_control"],
];

/** Line references into the seed text (「（127行）」, 「(162, 223行)」) belong to the source, not to a measure. */
export const stripLineRefs = (text: string) => text.replace(/\s*[（(][^（）()]*\d+行[^（）()]*[）)]/g, "").trim();

export function mapSafeguard(text: string): Safeguard {
  const rule = SAFEGUARD_RULES.find(([re]) => re.test(text));
  return { kind: rule ? rule[1] : "other", note: stripLineRefs(text) };
}

export function mapSafeguards(texts: readonly string[] | undefined): Safeguard[] {
  return (texts ?? []).map(mapSafeguard);
}

/** Trims a text to the label limit, marking the cut. */
export function clip(text: string, max: number = LIMITS.labelChars): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/**
 * A legal basis as the 評価書 writes it, with the article structure filled where the wording is plain
 * (番号法第19条第8号, 番号法第9条第1項 別表…の項, 住基法第30条の6). The text is always kept.
 */
export function parseLegalBasis(text: string): LegalBasis {
  const basis: LegalBasis = { law: "other", text: clip(text, LIMITS.textChars) };
  const bango = /番号法\s*(?:の)?第(\d+)条(?:第(\d+)項)?(?:第(\d+)号)?/.exec(text);
  const juki = /住基法\s*第(\d+)条(?:の(\d+))?/.exec(text);
  const ordinance = /([^\s、。（(]*条例)(?:\([^)]*\))?(?:第(\d+)条)?(?:第(\d+)項)?/.exec(text);
  if (/番号法/.test(text) && !/^[^番]*条例/.test(text)) {
    basis.law = "mynumber_act";
    if (bango) {
      basis.article = bango[1];
      basis.paragraph = num(bango[2]);
      basis.item = num(bango[3]);
    }
    const at = text.indexOf("別表");
    // "番号法第19条第8号・市番号条例第3条第1項別表第1の1の項": a 別表 after the 条例's name is the 条例's table.
    const ordinanceName = /(?:^|[・、\s])([^・、\s]*条例)/.exec(text);
    const ordinanceAt = ordinanceName ? ordinanceName.index + ordinanceName[0].indexOf(ordinanceName[1] ?? "") : -1;
    if (ordinanceAt > 0 && at > ordinanceAt) {
      basis.ordinance = clip(text.slice(ordinanceAt).trim());
    } else if (at >= 0) {
      const seg = text.slice(at).split("主務省令")[0] ?? "";
      const rows = seg.match(/\d+(?:の\d+)?(?=の項|、|及び|・)/g);
      if (rows?.length) basis.tableRow = rows.join("、");
    }
    const shorei = /(?:省令|命令)\s*(第[0-9]+条[^（(。]*)/.exec(text);
    if (shorei?.[1]) basis.ministerialOrdinance = clip(shorei[1].trim());
  } else if (juki?.[1]) {
    basis.law = "juki_act";
    basis.article = juki[2] ? `${juki[1]}の${juki[2]}` : juki[1];
  } else if (ordinance?.[1]) {
    basis.law = "ordinance";
    basis.ordinance = clip(ordinance[1]);
    basis.article = ordinance[2];
    basis.paragraph = num(ordinance[3]);
  }
  return basis;
}

/** A band as written ("10人以上50人未満", maybe with a remark) → the model's choice, if it is one. */
export function handlerBand(text: string | null | undefined) {
  if (!text) return undefined;
  return [...HANDLER_COUNT_BANDS].sort((a, b) => b.length - a.length).find((b) => text.includes(b));
}

export function subjectBand(text: string | null | undefined) {
  if (!text) return undefined;
  return [...SUBJECT_COUNT_BANDS].sort((a, b) => b.length - a.length).find((b) => text.includes(b));
}

/** Parts of a reading's label that annotate the source rather than name the element. */
const ANNOTATION = /不記載|記載なし|欠落|本文に|より$|^システム\d+$|=システム\d+$|旧記載|評価書テキスト|読み取/;

/**
 * A node's label as a 評価書 would write it: the reading's annotations inside brackets (「名称不記載」,
 * 「システム1」, 「別紙は本文に含まれない」) are dropped and 「別紙1」 is written 「別紙1参照」. The original
 * label is kept in the node's note.
 */
export function cleanLabel(label: string): string {
  const out = label.replace(/[（(]([^（）()]*)[）)]/g, (_m, inner: string) => {
    const parts = inner
      .split(/;\s*/)
      .map((p) => p.trim())
      .filter((p) => p && !ANNOTATION.test(p))
      .map((p) => (/^別紙\d+$/.test(p) ? `${p}参照` : p));
    return parts.length ? `(${parts.join("; ")})` : "";
  });
  return out.trim() || label;
}
