import { describe, expect, it } from "vitest";
import { circled, compareSteps, isValidStep, parseStep } from "../../src/model";

describe("step labels", () => {
  it("parses the forms 別添1 diagrams use", () => {
    expect(parseStep("①")).toEqual([1]);
    expect(parseStep("②-3")).toEqual([2, 3]);
    expect(parseStep("㉑")).toEqual([21]);
    expect(parseStep("㊿")).toEqual([50]);
    expect(parseStep("1-①")).toEqual([1, 1]);
    expect(parseStep("ア")).toEqual([1]);
    expect(parseStep("ウ")).toEqual([3]);
    expect(parseStep("(3)")).toEqual([3]);
    expect(parseStep("１２")).toEqual([12]);
  });

  it("refuses what is not a step label", () => {
    for (const bad of ["", "   ", "<script>", "①;DROP", "あ", "-", "x".repeat(30)])
      expect(isValidStep(bad)).toBe(false);
  });

  it("orders steps as a reader of 備考 expects", () => {
    const steps = ["⑩", "②-1", "①", "②", "㉑", "①-2", "②-10", "②-3", undefined];
    expect([...steps].sort(compareSteps)).toEqual(["①", "①-2", "②", "②-1", "②-3", "②-10", "⑩", "㉑", undefined]);
  });

  it("writes circled numbers up to 50 and a bracketed number beyond", () => {
    expect([1, 20, 21, 35, 36, 50].map(circled)).toEqual(["①", "⑳", "㉑", "㉟", "㊱", "㊿"]);
    expect(circled(51)).toBe("(51)");
    for (let n = 1; n <= 60; n++) expect(parseStep(circled(n))).toEqual([n]);
  });
});
