import type { NagareDocument } from "../../model";
import type { Finding } from "../../rules/types";
import type { FindingTone } from "./style";

const RANK: Record<FindingTone, number> = { red: 3, amber: 2, grey: 1 };

/** Red for critical/high risks, amber for medium/low risks, grey for an incomplete model. */
export function toneOf(f: Finding): FindingTone {
  if (f.category === "incomplete") return "grey";
  return f.severity === "critical" || f.severity === "high" ? "red" : "amber";
}

/**
 * The worst open finding per element id (nodes, flows, groups). A finding counts as open when its own
 * status says so and no decision in the document has closed it.
 */
export function worstToneByElement(doc: NagareDocument, findings: readonly Finding[]): Map<string, FindingTone> {
  const tones = new Map<string, FindingTone>();
  for (const f of findings) {
    if (f.status !== "open") continue;
    if (doc.decisions[f.id]) continue;
    if (f.elementKind !== "node" && f.elementKind !== "flow" && f.elementKind !== "group") continue;
    const tone = toneOf(f);
    const prev = tones.get(f.elementId);
    if (!prev || RANK[tone] > RANK[prev]) tones.set(f.elementId, tone);
  }
  return tones;
}
