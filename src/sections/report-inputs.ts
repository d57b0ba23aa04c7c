import type { NagareDocument } from "../model";
import { evaluateDetailed, suggestSufficiency } from "../rules";
import { generateSections } from "./generate";
import type { GeneratedSections, GenerateOptions } from "./types";

/** The sections with the findings engine's findings and sufficiency suggestions: what every export uses. */
export function generateReport(
  doc: NagareDocument,
  opts: Omit<GenerateOptions, "suggestSufficiency"> = {},
): GeneratedSections {
  const { findings, mitigated } = evaluateDetailed(doc);
  return generateSections(doc, findings, {
    ...opts,
    suggestSufficiency: (f, riskId) => suggestSufficiency(f, riskId, mitigated),
  });
}
