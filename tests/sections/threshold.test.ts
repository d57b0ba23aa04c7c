import { describe, expect, it } from "vitest";
import { POPULATION_BANDS } from "../../src/model";
import { decideThreshold, populationBand, recommendedKind, THRESHOLD_RESULTS } from "../../src/sections";

/** The decision table of 指針 第5の2, cell by cell (reference notes §1). */
const TABLE: [population: number, heavy: string, otherwise: string][] = [
  [999, THRESHOLD_RESULTS[3], THRESHOLD_RESULTS[3]],
  [1_000, THRESHOLD_RESULTS[2], THRESHOLD_RESULTS[2]],
  [9_999, THRESHOLD_RESULTS[2], THRESHOLD_RESULTS[2]],
  [10_000, THRESHOLD_RESULTS[1], THRESHOLD_RESULTS[2]],
  [99_999, THRESHOLD_RESULTS[1], THRESHOLD_RESULTS[2]],
  [100_000, THRESHOLD_RESULTS[0], THRESHOLD_RESULTS[1]],
  [299_999, THRESHOLD_RESULTS[0], THRESHOLD_RESULTS[1]],
  [300_000, THRESHOLD_RESULTS[0], THRESHOLD_RESULTS[0]],
  [5_000_000, THRESHOLD_RESULTS[0], THRESHOLD_RESULTS[0]],
];

const meta = (
  targetPopulation: number | null,
  handlers500OrMore: boolean | null,
  seriousIncidentPastYear: boolean | null,
) => ({
  targetPopulation,
  handlers500OrMore,
  seriousIncidentPastYear,
});

describe("しきい値判断", () => {
  for (const [pop, heavy, otherwise] of TABLE) {
    it(`${pop}人: 取扱者500人以上 / 重大事故あり / 両方 / どちらもなし`, () => {
      expect(decideThreshold(meta(pop, true, false)).ja).toBe(heavy);
      expect(decideThreshold(meta(pop, false, true)).ja).toBe(heavy);
      expect(decideThreshold(meta(pop, true, true)).ja).toBe(heavy);
      expect(decideThreshold(meta(pop, false, false)).ja).toBe(otherwise);
    });
  }

  it("bands by head count at every boundary", () => {
    expect(populationBand(0)).toBe(POPULATION_BANDS[0]);
    expect(populationBand(999)).toBe(POPULATION_BANDS[0]);
    expect(populationBand(1000)).toBe(POPULATION_BANDS[1]);
    expect(populationBand(10_000)).toBe(POPULATION_BANDS[2]);
    expect(populationBand(100_000)).toBe(POPULATION_BANDS[3]);
    expect(populationBand(300_000)).toBe(POPULATION_BANDS[4]);
  });

  it("the band alone decides when no count is given", () => {
    const r = decideThreshold({
      targetPopulation: null,
      targetPopulationBand: "10万人以上30万人未満",
      handlers500OrMore: false,
      seriousIncidentPastYear: false,
    });
    expect(r.code).toBe(1);
    expect(r.required).toEqual(["basic", "focused"]);
  });

  it("required assessments per result", () => {
    expect(decideThreshold(meta(400_000, false, false)).required).toEqual(["basic", "full"]);
    expect(decideThreshold(meta(50_000, false, false)).required).toEqual(["basic"]);
    expect(decideThreshold(meta(500, true, true)).required).toEqual([]);
  });

  it("missing inputs: undecidable only where they matter, and named", () => {
    const none = decideThreshold(meta(null, null, null));
    expect(none.code).toBeNull();
    expect(none.missing).toEqual(["targetPopulation"]);
    const mid = decideThreshold(meta(50_000, null, false));
    expect(mid.code).toBeNull();
    expect(mid.missing).toEqual(["handlers500OrMore"]);
    // One true input settles the column even when the other is unknown.
    expect(decideThreshold(meta(50_000, null, true)).code).toBe(1);
    // Outside the 1万–30万 rows the column does not matter.
    expect(decideThreshold(meta(500_000, null, null)).code).toBe(0);
    expect(decideThreshold(meta(5_000, null, null)).code).toBe(2);
  });

  it("explains itself in both languages", () => {
    const r = decideThreshold(meta(150_000, true, false));
    expect(r.explanation.ja).toContain("150,000人");
    expect(r.explanation.ja).toContain("基礎項目評価及び全項目評価");
    expect(r.explanation.en).toContain("150,000 people");
  });
});

describe("recommendedKind (new document flow)", () => {
  it("starts a document as the most detailed 評価書 required", () => {
    expect(recommendedKind(meta(400_000, false, false))).toBe("full");
    expect(recommendedKind(meta(150_000, false, false))).toBe("focused");
    expect(recommendedKind(meta(150_000, true, false))).toBe("full");
    expect(recommendedKind(meta(50_000, false, false))).toBe("basic");
    expect(recommendedKind(meta(null, null, null))).toBe("basic");
  });
});
