import { type AssessmentMeta, POPULATION_BANDS } from "../model";
import type { ThresholdResult } from "./types";

/** しきい値判断結果 as the 基礎項目評価書 Ⅲ words them (index = result code). */
export const THRESHOLD_RESULTS = [
  "基礎項目評価及び全項目評価の実施が義務付けられる",
  "基礎項目評価及び重点項目評価の実施が義務付けられる",
  "基礎項目評価の実施が義務付けられる",
  "特定個人情報保護評価の実施が義務付けられない",
] as const;

const RESULTS_EN = [
  "Basic and full assessments are mandatory",
  "Basic and focused assessments are mandatory",
  "Only the basic assessment is mandatory",
  "No assessment is mandatory",
] as const;

type Band = (typeof POPULATION_BANDS)[number];

/** The 対象人数 band of a head count (Ⅰ1③ / 基礎 Ⅱ1). */
export function populationBand(count: number): Band {
  if (count < 1_000) return POPULATION_BANDS[0];
  if (count < 10_000) return POPULATION_BANDS[1];
  if (count < 100_000) return POPULATION_BANDS[2];
  if (count < 300_000) return POPULATION_BANDS[3];
  return POPULATION_BANDS[4];
}

/**
 * The decision table of 指針 第5の2 (reference notes §1): rows are the 対象人数 bands, the column is
 * 「取扱者数500人以上 又は 過去1年以内の重大事故」.
 *   < 1,000: not mandatory | 1,000–1万: 基礎 | 1万–10万: 基礎+重点 if the column holds, else 基礎 |
 *   10万–30万: 基礎+全項目 if it holds, else 基礎+重点 | 30万+: 基礎+全項目.
 */
export function thresholdCode(bandIndex: number, heavy: boolean): 0 | 1 | 2 | 3 {
  switch (bandIndex) {
    case 0:
      return 3;
    case 1:
      return 2;
    case 2:
      return heavy ? 1 : 2;
    case 3:
      return heavy ? 0 : 1;
    default:
      return 0;
  }
}

const REQUIRED: Record<0 | 1 | 2 | 3, ThresholdResult["required"]> = {
  0: ["basic", "full"],
  1: ["basic", "focused"],
  2: ["basic"],
  3: [],
};

type ThresholdInput = Pick<
  AssessmentMeta,
  "targetPopulation" | "targetPopulationBand" | "handlers500OrMore" | "seriousIncidentPastYear"
>;

/** Which assessments are required, with the reasoning in words; a pure function of the three inputs. */
export function decideThreshold(meta: ThresholdInput): ThresholdResult {
  const missing: ThresholdResult["missing"] = [];
  let band: Band | null = null;
  if (meta.targetPopulation !== null && meta.targetPopulation !== undefined)
    band = populationBand(meta.targetPopulation);
  else if (meta.targetPopulationBand) band = meta.targetPopulationBand;
  else missing.push("targetPopulation");
  const bandIndex = band ? POPULATION_BANDS.indexOf(band) : -1;

  const handlers = meta.handlers500OrMore ?? null;
  const incident = meta.seriousIncidentPastYear ?? null;
  // The second column only matters for the 1万–30万 rows; elsewhere unknown inputs do not block a result.
  const columnMatters = bandIndex === 2 || bandIndex === 3;
  let heavy: boolean | null;
  if (handlers === true || incident === true) heavy = true;
  else if (handlers === false && incident === false) heavy = false;
  else heavy = null;
  if (columnMatters && heavy === null) {
    if (handlers === null) missing.push("handlers500OrMore");
    if (incident === null) missing.push("seriousIncidentPastYear");
  }

  const countText =
    meta.targetPopulation !== null && meta.targetPopulation !== undefined
      ? `${meta.targetPopulation.toLocaleString("ja-JP")}人（${band}）`
      : band
        ? `${band}`
        : "未入力";
  const countTextEn =
    meta.targetPopulation !== null && meta.targetPopulation !== undefined
      ? `${meta.targetPopulation.toLocaleString("en-US")} people (${band})`
      : band
        ? `${band}`
        : "not entered";
  const columnJa =
    heavy === null
      ? "取扱者数500人以上又は重大事故の有無：未入力"
      : heavy
        ? `取扱者数500人以上${handlers ? "に該当" : "に非該当"}、過去1年以内の重大事故${incident ? "あり" : "なし"}（いずれかに該当）`
        : "取扱者数500人未満かつ過去1年以内の重大事故なし";
  const columnEn =
    heavy === null
      ? "500+ handlers or serious incident: not entered"
      : heavy
        ? `500+ handlers: ${handlers ? "yes" : "no"}, serious incident in the past year: ${incident ? "yes" : "no"} (one holds)`
        : "fewer than 500 handlers and no serious incident in the past year";

  if (bandIndex < 0 || (columnMatters && heavy === null)) {
    return {
      code: null,
      required: [],
      ja: "判断できません（入力が不足しています）",
      en: "cannot be decided (inputs missing)",
      explanation: { ja: `対象人数 ${countText}／${columnJa}`, en: `Population ${countTextEn} / ${columnEn}` },
      missing,
      populationBand: band,
    };
  }
  const code = thresholdCode(bandIndex, heavy === true);
  const decisive = columnMatters ? `、${columnJa}` : "（取扱者数・重大事故はこの人数区分では結果に影響しません）";
  const decisiveEn = columnMatters
    ? `, ${columnEn}`
    : " (handlers and incidents do not change the result in this band)";
  return {
    code,
    required: REQUIRED[code],
    ja: THRESHOLD_RESULTS[code],
    en: RESULTS_EN[code],
    explanation: {
      ja: `対象人数 ${countText}${decisive} → ${THRESHOLD_RESULTS[code]}`,
      en: `Population ${countTextEn}${decisiveEn} → ${RESULTS_EN[code]}`,
    },
    missing,
    populationBand: band,
  };
}

/**
 * The 評価書 a new document should start as: the most detailed one the threshold requires (全項目 over 重点 over
 * 基礎); 基礎 when nothing is required or the inputs are still missing (the person can always choose higher).
 */
export function recommendedKind(meta: ThresholdInput): "basic" | "focused" | "full" {
  const r = decideThreshold(meta).required;
  if (r.includes("full")) return "full";
  if (r.includes("focused")) return "focused";
  return "basic";
}
