import type { TransportId } from "../model";
import { TRANSPORTS } from "../model";
import type { Severity } from "./types";

export type Level = 1 | 2 | 3 | 4;

export const SEVERITY_ORDER: Severity[] = ["critical", "high", "medium", "low"];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export const SEVERITY_LABELS: Record<Severity, { ja: string; en: string }> = {
  critical: { ja: "重大", en: "Critical" },
  high: { ja: "高", en: "High" },
  medium: { ja: "中", en: "Medium" },
  low: { ja: "低", en: "Low" },
};

const clamp = (n: number): Level => Math.max(1, Math.min(4, Math.round(n))) as Level;

/**
 * Impact from the data: 特定個人情報 is the top class; an unknown flag (null) is treated as possibly
 * 特定個人情報, because a missing answer must never lower a rating. Other personal data rates 2.
 */
export function impactOf(carriesMyNumber: boolean | null | undefined): Level {
  return carriesMyNumber === false ? 2 : 4;
}

/**
 * Likelihood from how the data travels: physical carriage and public networks without encryption are the
 * most likely to leak; closed networks the least. Crossing an organisational or a network boundary adds one.
 */
export function transportLikelihood(transport: TransportId | undefined): Level {
  if (!transport) return 2;
  const p = TRANSPORTS[transport].props;
  let l = 2;
  if (p.closedNetwork) l = 1;
  if (p.physical) l = 3;
  if (p.publicNetwork) l = p.encryptedByDefault ? 2 : 4;
  if (p.misdeliveryProne) l += 1;
  return clamp(l);
}

export function likelihoodOf(
  transport: TransportId | undefined,
  crossesOrganisation: boolean,
  crossesNetwork: boolean,
): Level {
  return clamp(transportLikelihood(transport) + (crossesOrganisation ? 1 : 0) + (crossesNetwork ? 1 : 0));
}

/** impact × likelihood on a 4 × 4 grid. */
export function severityOf(impact: Level, likelihood: Level): Severity {
  const score = impact * likelihood;
  if (score >= 12) return "critical";
  if (score >= 8) return "high";
  if (score >= 4) return "medium";
  return "low";
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export { clamp as clampLevel };
