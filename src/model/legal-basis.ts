import { z } from "zod";
import { LIMITS } from "./limits";

/**
 * A legal basis, structured so that it can be checked against the channel and cited with the article
 * numbers in force on the 公表日 (番号法第19条 was renumbered on 2021-09-01).
 */
export const LAWS = {
  mynumber_act: { ja: "番号法", en: "My Number Act" },
  juki_act: { ja: "住民基本台帳法", en: "Basic Resident Registration Act" },
  ordinance: { ja: "条例", en: "Local ordinance" },
  local_tax_act: { ja: "地方税法", en: "Local Tax Act" },
  other: { ja: "その他の法令", en: "Other law" },
} as const;
export type Law = keyof typeof LAWS;

const shortText = z.string().max(LIMITS.labelChars);

export const legalBasisSchema = z.strictObject({
  law: z.enum(Object.keys(LAWS) as [Law, ...Law[]]),
  /** Article as written after 第…条: "9", "19", "30の6". */
  article: shortText.optional(),
  paragraph: z.number().int().min(1).max(99).optional(),
  item: z.number().int().min(1).max(99).optional(),
  /** 別表 row (番号法 別表 / 別表第一 / 別表第二 "の項"), e.g. "56" or "27、52、93". */
  tableRow: shortText.optional(),
  /** 主務省令 article, e.g. "第2条の表53の項". */
  ministerialOrdinance: shortText.optional(),
  /** Name and article of a 条例 (独自利用事務, 庁内他機関への提供). */
  ordinance: shortText.optional(),
  /** The basis as the 評価書 writes it; always kept, also when the structure is filled. */
  text: z.string().max(LIMITS.textChars).optional(),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/** Dates on which 番号法第19条 items moved (see reference notes §4.2). */
export const ARTICLE19_RENUMBERED_ON = "2021-09-01";
export const BETSUHYO_RENAMED_ON = "2024-05-27";

/**
 * 番号法第19条 items by content. `before` applies to documents dated before 2021-09-01, `after` from then on.
 */
export const ARTICLE19_ITEMS = {
  entrustment: { before: 5, after: 6, ja: "委託・合併に伴う提供" },
  juki: { before: 6, after: 7, ja: "住民基本台帳法の規定による提供" },
  network: { before: 7, after: 8, ja: "情報提供ネットワークシステムによる提供" },
  ordinance_network: { before: 8, after: 9, ja: "条例事務の情報連携" },
  same_local_government: { before: 10, after: 11, ja: "同一地方公共団体の他の機関への提供（条例）" },
} as const;

/** True when a 番号法第19条 basis names the 情報提供ネットワークシステム item for the given date. */
export function isNetworkProvisionBasis(basis: LegalBasis, dateIso: string | null | undefined): boolean {
  if (basis.law !== "mynumber_act" || basis.article !== "19" || basis.item === undefined) return false;
  const after = !dateIso || dateIso >= ARTICLE19_RENUMBERED_ON;
  const items = after
    ? [ARTICLE19_ITEMS.network.after, ARTICLE19_ITEMS.ordinance_network.after]
    : [ARTICLE19_ITEMS.network.before, ARTICLE19_ITEMS.ordinance_network.before];
  return items.includes(basis.item as never);
}

/** A basis in the citation style of published 評価書, e.g. "番号法第19条第8号". */
export function formatLegalBasis(basis: LegalBasis): string {
  const parts: string[] = [LAWS[basis.law].ja];
  if (basis.law === "ordinance" && basis.ordinance) parts[0] = basis.ordinance;
  if (basis.article) parts.push(`第${basis.article}条`);
  if (basis.paragraph) parts.push(`第${basis.paragraph}項`);
  if (basis.item) parts.push(`第${basis.item}号`);
  let s = parts.join("");
  if (basis.tableRow) s += ` 別表${basis.tableRow}の項`;
  if (basis.ministerialOrdinance) s += ` 主務省令${basis.ministerialOrdinance}`;
  if (basis.law !== "ordinance" && basis.ordinance) s += `、${basis.ordinance}`;
  const structured = basis.article || basis.tableRow || basis.ministerialOrdinance || basis.ordinance;
  if (!structured) return basis.text ?? s;
  return s;
}
