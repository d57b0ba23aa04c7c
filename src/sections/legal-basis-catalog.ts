import { ARTICLE19_RENUMBERED_ON, BETSUHYO_RENAMED_ON, LAWS, type LegalBasis } from "../model";

/**
 * The legal bases that recur in 評価書, as presets a person picks instead of typing article numbers, and a
 * citation function that writes them with the numbers in force on the 公表日:
 *   - 番号法第19条 items moved on 2021-09-01 (a new 第4号 was inserted): 7号 → 8号 (情報提供ネットワークシステム),
 *     8号 → 9号 (条例事務の情報連携), 10号 → 11号 (同一地方公共団体の他の機関), 5号 → 6号 (委託), 6号 → 7号 (住基法).
 *   - From 2024-05-27 別表第一 is 「別表」, and 別表第二 is replaced by the 第19条第8号に基づく主務省令.
 * The 2013 numbering before the 平成27年改正 is not modelled (no 評価書 under it is still in force).
 */

/**
 * 番号法第19条 items by content: [before 2021-09-01, from 2021-09-01] (the 2024-05-27 amendment kept the
 * numbers). `source` says how the reference material supports the pair: "verified" where both numbers are seen
 * in published texts, "inferred" where the newer number follows from the new 第4号 alone (pia-format.md §4.2).
 * A renumbering by an inferred pair is always marked 要確認.
 */
export const ARTICLE19 = {
  transfer_of_employees: {
    items: [null, 4],
    source: "verified",
    ja: "従業者等の転籍時の提供",
    en: "transfer of employees",
  },
  jlis: { items: [4, 5], source: "inferred", ja: "機構保存本人確認情報の提供", en: "J-LIS identity information" },
  entrustment: { items: [5, 6], source: "inferred", ja: "委託・合併に伴う提供", en: "entrustment or merger" },
  juki: {
    items: [6, 7],
    source: "inferred",
    ja: "住民基本台帳法の規定による提供",
    en: "under the Resident Registration Act",
  },
  network: {
    items: [7, 8],
    source: "verified",
    ja: "情報提供ネットワークシステムによる提供",
    en: "information provision network",
  },
  ordinance_network: {
    items: [8, 9],
    source: "verified",
    ja: "条例事務の情報連携",
    en: "network linkage of ordinance duties",
  },
  tax: { items: [9, 10], source: "inferred", ja: "国税・地方税連携", en: "national and local tax linkage" },
  same_local_government: {
    items: [10, 11],
    source: "verified",
    ja: "同一地方公共団体の他の機関への提供（条例）",
    en: "another organ of the same local government (ordinance)",
  },
} as const satisfies Record<
  string,
  { items: readonly [number | null, number]; source: "verified" | "inferred"; ja: string; en: string }
>;
export type Article19Topic = keyof typeof ARTICLE19;

const era = (dateIso: string | null | undefined) => (!dateIso || dateIso >= ARTICLE19_RENUMBERED_ON ? 1 : 0);
const ministerialEra = (dateIso: string | null | undefined) => !dateIso || dateIso >= BETSUHYO_RENAMED_ON;

/** The 第19条 item number for a topic on a date (no date = today's numbering). */
export function article19Item(topic: Article19Topic, dateIso: string | null | undefined): number | null {
  return ARTICLE19[topic].items[era(dateIso)];
}

/** Which topic a stored 第19条 item number means on a date. */
export function article19Topic(item: number, dateIso: string | null | undefined): Article19Topic | null {
  const e = era(dateIso);
  for (const [topic, def] of Object.entries(ARTICLE19)) if (def.items[e] === item) return topic as Article19Topic;
  return null;
}

/** Moves a stored 第19条 item from the numbering of one date to that of another (e.g. when the 公表日 changes). */
export function renumberArticle19(basis: LegalBasis, fromIso: string | null, toIso: string | null): LegalBasis {
  if (basis.law !== "mynumber_act" || basis.article !== "19" || basis.item === undefined) return basis;
  const topic = article19Topic(basis.item, fromIso);
  const item = topic ? article19Item(topic, toIso) : null;
  return item === null ? basis : { ...basis, item };
}

export type PresetParam = "tableRow" | "ordinance" | "ministerialOrdinance";

export interface LegalBasisPreset {
  id: string;
  /** What the basis is used for in the 評価書. */
  group: "use" | "provision" | "transfer" | "juki";
  label: { ja: string; en: string };
  /** What the person still fills in (別表の項, 条例名 …). */
  params: readonly PresetParam[];
  build: (dateIso: string | null | undefined, params?: Partial<Record<PresetParam, string>>) => LegalBasis;
}

const mn = (article: string, extra: Partial<LegalBasis>): LegalBasis => ({ law: "mynumber_act", article, ...extra });
const art19 = (topic: Article19Topic) => (date: string | null | undefined, p?: Partial<Record<PresetParam, string>>) =>
  mn("19", {
    item: article19Item(topic, date) ?? undefined,
    ...(p?.tableRow ? { tableRow: p.tableRow } : {}),
    ...(p?.ministerialOrdinance ? { ministerialOrdinance: p.ministerialOrdinance } : {}),
    ...(p?.ordinance ? { ordinance: p.ordinance } : {}),
  });

export const LEGAL_BASIS_PRESETS: readonly LegalBasisPreset[] = [
  {
    id: "use_table",
    group: "use",
    label: {
      ja: "番号法第9条第1項 別表（旧別表第一）の項（法定事務）",
      en: "Art. 9(1) and the Annexed Table (statutory duty)",
    },
    params: ["tableRow", "ministerialOrdinance"],
    build: (_d, p) =>
      mn("9", {
        paragraph: 1,
        ...(p?.tableRow ? { tableRow: p.tableRow } : {}),
        ...(p?.ministerialOrdinance ? { ministerialOrdinance: p.ministerialOrdinance } : {}),
      }),
  },
  {
    id: "use_ordinance",
    group: "use",
    label: {
      ja: "番号法第9条第2項＋個人番号の利用に関する条例（独自利用事務）",
      en: "Art. 9(2) with the local ordinance",
    },
    params: ["ordinance"],
    build: (_d, p) => mn("9", { paragraph: 2, ...(p?.ordinance ? { ordinance: p.ordinance } : {}) }),
  },
  {
    id: "transfer_table",
    group: "transfer",
    label: { ja: "移転：番号法第9条第1項 別表の事務", en: "Transfer: Art. 9(1), Annexed Table duty" },
    params: ["tableRow"],
    build: (_d, p) => mn("9", { paragraph: 1, ...(p?.tableRow ? { tableRow: p.tableRow } : {}) }),
  },
  {
    id: "transfer_ordinance",
    group: "transfer",
    label: { ja: "移転：番号法第9条第2項＋条例", en: "Transfer: Art. 9(2) with the ordinance" },
    params: ["ordinance"],
    build: (_d, p) => mn("9", { paragraph: 2, ...(p?.ordinance ? { ordinance: p.ordinance } : {}) }),
  },
  {
    id: "network",
    group: "provision",
    label: {
      ja: "番号法第19条第8号（2021年8月までは第7号）情報提供ネットワークシステム（別表第二／主務省令）",
      en: "Art. 19(8) (19(7) before Sept 2021): information provision network",
    },
    params: ["tableRow", "ministerialOrdinance"],
    build: art19("network"),
  },
  {
    id: "ordinance_network",
    group: "provision",
    label: {
      ja: "番号法第19条第9号（旧第8号）条例事務の情報連携＋条例",
      en: "Art. 19(9) (formerly 8): ordinance duties over the network",
    },
    params: ["ordinance"],
    build: art19("ordinance_network"),
  },
  {
    id: "same_local_government",
    group: "provision",
    label: {
      ja: "番号法第19条第11号（旧第10号）同一地方公共団体の他の機関＋条例",
      en: "Art. 19(11) (formerly 10): another organ of the same local government",
    },
    params: ["ordinance"],
    build: art19("same_local_government"),
  },
  {
    id: "entrustment",
    group: "provision",
    label: { ja: "番号法第19条第6号（旧第5号）委託に伴う提供", en: "Art. 19(6) (formerly 5): entrustment" },
    params: [],
    build: art19("entrustment"),
  },
  {
    id: "juki_provision",
    group: "provision",
    label: {
      ja: "番号法第19条第7号（旧第6号）住民基本台帳法の規定による提供",
      en: "Art. 19(7) (formerly 6): Resident Registration Act",
    },
    params: [],
    build: art19("juki"),
  },
  {
    id: "jlis_provision",
    group: "provision",
    label: {
      ja: "番号法第19条第5号（旧第4号）機構保存本人確認情報の提供",
      en: "Art. 19(5) (formerly 4): J-LIS identity information",
    },
    params: [],
    build: art19("jlis"),
  },
  {
    id: "jlis_request",
    group: "juki",
    label: { ja: "番号法第14条第2項 機構保存本人確認情報の提供の求め", en: "Art. 14(2): request to J-LIS" },
    params: [],
    build: () => mn("14", { paragraph: 2 }),
  },
  {
    id: "juki_30_6",
    group: "juki",
    label: {
      ja: "住民基本台帳法第30条の6（市町村長から都道府県知事への本人確認情報の通知）",
      en: "Juki Act Art. 30-6",
    },
    params: [],
    build: () => ({ law: "juki_act", article: "30の6" }),
  },
  {
    id: "juki_30_7",
    group: "juki",
    label: { ja: "住民基本台帳法第30条の7（都道府県知事から機構への通知）", en: "Juki Act Art. 30-7" },
    params: [],
    build: () => ({ law: "juki_act", article: "30の7" }),
  },
  {
    id: "juki_30_9",
    group: "juki",
    label: { ja: "住民基本台帳法第30条の9（機構から国の機関等への提供）", en: "Juki Act Art. 30-9" },
    params: [],
    build: () => ({ law: "juki_act", article: "30の9" }),
  },
  {
    id: "juki_12_4",
    group: "juki",
    label: { ja: "住民基本台帳法第12条の4（住民票の写しの広域交付）", en: "Juki Act Art. 12-4" },
    params: [],
    build: () => ({ law: "juki_act", article: "12の4" }),
  },
];

export function presetById(id: string): LegalBasisPreset | undefined {
  return LEGAL_BASIS_PRESETS.find((p) => p.id === id);
}

/**
 * A basis written as the 評価書 of that date writes it. The stored 第19条 item is taken as written for the
 * document's date; 別表第一/別表 and 別表第二/主務省令 follow the date.
 */
export function citeLegalBasis(basis: LegalBasis, dateIso: string | null | undefined): string {
  const structured = basis.article || basis.tableRow || basis.ministerialOrdinance || basis.ordinance;
  if (!structured) return basis.text ?? LAWS[basis.law].ja;
  const newEra = ministerialEra(dateIso);
  let head = basis.law === "ordinance" && basis.ordinance ? basis.ordinance : LAWS[basis.law].ja;
  // "30の6" is written 第30条の6.
  if (basis.article) head += basis.article.replace(/^(\d+)(の.*)?$/, "第$1条$2").replace(/^([^第].*)$/, "第$1条");
  if (basis.paragraph) head += `第${basis.paragraph}項`;
  if (basis.item) head += `第${basis.item}号`;
  const parts = [head];
  const isMn = basis.law === "mynumber_act";
  const networkItem =
    isMn && basis.article === "19" && basis.item !== undefined && article19Topic(basis.item, dateIso) === "network";
  if (isMn && basis.article === "9" && basis.tableRow)
    parts.push(`${newEra ? "別表" : "別表第一"}の${basis.tableRow}の項`);
  else if (networkItem && (basis.tableRow || basis.ministerialOrdinance)) {
    // The 主務省令's table is numbered differently from 別表第二: a row of one is never written as the other's.
    if (newEra)
      parts.push(
        `に基づく主務省令${basis.ministerialOrdinance ? ` ${basis.ministerialOrdinance}` : ` 第2条の表（旧別表第二の${basis.tableRow}の項に対応する項）`}`,
      );
    else
      parts.push(
        basis.tableRow ? `別表第二の${basis.tableRow}の項` : `別表第二（${basis.ministerialOrdinance}に対応する項）`,
      );
  } else if (basis.tableRow) parts.push(`別表${basis.tableRow}の項`);
  if (basis.ministerialOrdinance && !networkItem) parts.push(`主務省令 ${basis.ministerialOrdinance}`);
  if (basis.law !== "ordinance" && basis.ordinance) parts.push(basis.ordinance);
  return parts
    .join(" ")
    .replace(/ に基づく/, "に基づく")
    .trim();
}

/** Several bases, one per line, numbered (1)(2)… as the seeds do when there is more than one. */
export function citeLegalBases(bases: readonly LegalBasis[], dateIso: string | null | undefined): string {
  if (bases.length === 0) return "";
  if (bases.length === 1) return citeLegalBasis(bases[0] as LegalBasis, dateIso);
  return bases.map((b, i) => `(${i + 1})${citeLegalBasis(b, dateIso)}`).join("\n");
}

const NETWORK_WORDS = /情報提供ネットワーク|別表第二|主務省令/;
const ORDINANCE_WORDS = /条例/;

/** A 第19条 item whose stored number does not fit its content on the document's date. */
export interface Article19Mismatch {
  stored: number;
  /** The number cited; null when the content has no item on that date. */
  cited: number | null;
  /** null: the number fits two contents on that date and is cited as written. */
  topic: Article19Topic | null;
}

/**
 * What a stored 第19条 basis provides for, from its content rather than its number: a 条例 with item 8 or 9 is the
 * 条例事務 linkage, with item 10 or 11 the 同一地方公共団体 provision; without a 条例, use for the network (the
 * flow goes through it, a 別表第二 row, a 主務省令 or words naming it) is the 情報提供ネットワークシステム item.
 * null: the content cannot be told, and the number is cited as written.
 */
export function article19Content(
  basis: LegalBasis,
  context: "network" | null,
  dateIso?: string | null,
): Article19Topic | "ambiguous" | null {
  if (basis.law !== "mynumber_act" || basis.article !== "19" || basis.item === undefined) return null;
  const ordinance = !!basis.ordinance || ORDINANCE_WORDS.test(basis.text ?? "");
  if (ordinance) {
    if (basis.item === 8 || basis.item === 9) return "ordinance_network";
    if (basis.item === 10 || basis.item === 11) return "same_local_government";
    return null;
  }
  const network =
    context === "network" ||
    basis.tableRow !== undefined ||
    basis.ministerialOrdinance !== undefined ||
    NETWORK_WORDS.test(basis.text ?? "");
  if (!network) return null;
  if (basis.item === 7) return "network";
  if (basis.item === 9) return "ordinance_network";
  // 第8号 before 2021-09-01 is the 条例事務 item, but no 条例 is named: it may also be today's network item.
  if (basis.item === 8) return era(dateIso) === 1 ? "network" : "ambiguous";
  return null;
}

/**
 * Reads a stored 番号法第19条 basis by its content and gives the item in force on the document's date: a 第7号
 * cited for the network in a 2023 document is the pre-2021-09-01 number and is cited as 第8号; 「第19条第8号
 * 市番号条例…」 in a 2023 document is the 条例事務 linkage, 第9号. The change is reported for a person to confirm.
 */
export function readArticle19(
  basis: LegalBasis,
  dateIso: string | null | undefined,
  context: "network" | null,
): { basis: LegalBasis; mismatch: Article19Mismatch | null } {
  const topic = article19Content(basis, context, dateIso);
  if (!topic || basis.item === undefined) return { basis, mismatch: null };
  if (topic === "ambiguous") return { basis, mismatch: { stored: basis.item, cited: basis.item, topic: null } };
  const cited = article19Item(topic, dateIso);
  if (cited === basis.item) return { basis, mismatch: null };
  return {
    basis: cited === null ? basis : { ...basis, item: cited },
    mismatch: { stored: basis.item, cited, topic },
  };
}

/** 別表第二 rows and 主務省令 rows are numbered differently: one is never copied into the other. */
function tableRowProblem(
  basis: LegalBasis,
  dateIso: string | null | undefined,
  context: "network" | null,
): { ja: string; en: string } | null {
  if (article19Content(basis, context, dateIso) !== "network") return null;
  const ministerial = ministerialEra(dateIso);
  if (ministerial && basis.tableRow && !basis.ministerialOrdinance)
    return {
      ja: `別表第二の${basis.tableRow}の項は2024年5月27日に主務省令第2条の表に置き換わり、項の番号は対応しません。主務省令の該当する項を記入してください`,
      en: `別表第二 row ${basis.tableRow} was replaced on 2024-05-27 by the 主務省令 table, whose rows are numbered differently: enter the 主務省令 row`,
    };
  if (!ministerial && basis.ministerialOrdinance && !basis.tableRow)
    return {
      ja: "主務省令第2条の表は2024年5月27日からのものです。公表日の時点の別表第二の項を記入してください",
      en: "the 主務省令 table applies from 2024-05-27: enter the 別表第二 row in force on the publication date",
    };
  return null;
}

/** Bases cited as on the document's date, with a 要確認 note for every number or row that had to be read. */
export function citeLegalBasesOnDate(
  bases: readonly LegalBasis[],
  dateIso: string | null | undefined,
  context: "network" | null,
): { value: string; note: { ja: string; en: string } | null } {
  const read = bases.map((b) => readArticle19(b, dateIso, context));
  const value = citeLegalBases(
    read.map((r) => r.basis),
    dateIso,
  );
  const when = dateIso ? `公表日（${dateIso}）` : "本日";
  const whenEn = dateIso ? `the publication date (${dateIso})` : "today";
  const ja: string[] = [];
  const en: string[] = [];
  const newEra = era(dateIso) === 1;
  for (const m of read.flatMap((r) => (r.mismatch ? [r.mismatch] : []))) {
    if (m.topic === null) {
      ja.push(
        `番号法第19条第${m.stored}号は、2021年9月1日より前の号番号なら条例事務の情報連携、以後の号番号なら情報提供ネットワークシステムによる提供です。条例事務なら条例名を記入し、そうでなければ号番号を確かめてください。`,
      );
      en.push(
        `Art. 19 item ${m.stored} is the ordinance-duty linkage in the numbering before 2021-09-01 and the network item after it: name the ordinance, or check the number.`,
      );
      continue;
    }
    const def = ARTICLE19[m.topic];
    const inferred = def.source === "inferred" ? "（号の対応は推定）" : "";
    const inferredEn = def.source === "inferred" ? " (the correspondence is inferred)" : "";
    const otherEra = def.items[newEra ? 0 : 1] === m.stored;
    if (m.cited === null) {
      ja.push(`番号法第19条第${m.stored}号（${def.ja}）に当たる号は${when}にはありません。`);
      en.push(`Art. 19 item ${m.stored} (${def.en}) has no item on ${whenEn}.`);
    } else if (otherEra) {
      ja.push(
        `番号法第19条第${m.stored}号は${newEra ? "2021年9月1日より前" : "2021年9月1日以後"}の号番号です（${def.ja}）。${when}の号番号に合わせて第${m.cited}号と記載しました${inferred}。`,
      );
      en.push(
        `Art. 19 item ${m.stored} is the numbering ${newEra ? "before" : "from"} 2021-09-01 (${def.en}); cited as item ${m.cited}, the numbering on ${whenEn}${inferredEn}.`,
      );
    } else {
      ja.push(
        `番号法第19条第${m.stored}号は${def.ja}の号番号ではありません。${when}の号番号の第${m.cited}号と記載しました${inferred}。`,
      );
      en.push(`Art. 19 item ${m.stored} is not the item of ${def.en}; cited as item ${m.cited}${inferredEn}.`);
    }
  }
  for (const b of read) {
    const row = tableRowProblem(b.basis, dateIso, context);
    if (row) {
      ja.push(`${row.ja}。`);
      en.push(`${row.en}.`);
    }
  }
  if (!ja.length) return { value, note: null };
  return { value, note: { ja: `要確認: ${ja.join("")}`, en: `To confirm: ${en.join(" ")}` } };
}
