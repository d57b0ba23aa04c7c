import type { AssessmentMeta, ModelNode, OrgProfile } from "../model";
import { profileAnswerText } from "../model";
import type { FileScope } from "./facts";

/**
 * How the organisation profile reaches the 評価書: items whose form node names a profile item take the
 * profile's answer when neither the drawing nor the document answers them (generate.ts); these helpers cover
 * the few items that combine the profile with the document.
 */

/** The しきい値判断 inputs: the document's own, else the profile's 過去1年以内 answer. */
export function thresholdMeta(meta: AssessmentMeta, profile: OrgProfile | null | undefined): AssessmentMeta {
  if (meta.seriousIncidentPastYear !== null || !profile) return meta;
  const v = profileAnswerText(profile, "incidents.pastYear");
  return v ? { ...meta, seriousIncidentPastYear: v === "発生あり" } : meta;
}

/** Ⅲ7⑨: 発生あり / 発生なし from the document, else the profile; null when neither says. */
export function incidentPast3Years(
  meta: AssessmentMeta,
  profile: OrgProfile | null | undefined,
): { value: boolean; fromProfile: boolean } | null {
  if (meta.seriousIncidentPast3Years !== undefined && meta.seriousIncidentPast3Years !== null)
    return { value: meta.seriousIncidentPast3Years, fromProfile: false };
  const v = profileAnswerText(profile, "incidents.past3Years");
  return v ? { value: v === "発生あり", fromProfile: true } : null;
}

const systemName = (n: ModelNode) => n.label.trim();

/**
 * The profile's measures for the systems that hold this file (Ⅰ2 systems with the file, else every Ⅰ2 system
 * when none names its files), matched by the system's name or its owner's name.
 */
export function systemMeasures(
  profile: OrgProfile | null | undefined,
  systems: readonly ModelNode[],
  file: FileScope | null,
  field: "physical" | "technical",
): { heading: string; text: string }[] {
  if (!profile?.systems.length) return [];
  const fileId = file?.file?.id;
  const holding = fileId ? systems.filter((s) => s.fileIds.includes(fileId)) : [];
  const scope = holding.length ? holding : systems;
  const out: { heading: string; text: string }[] = [];
  for (const p of profile.systems) {
    const text = p[field]?.trim();
    if (!text) continue;
    const name = p.name.trim();
    if (scope.some((s) => systemName(s) === name || s.owner?.name?.trim() === name)) out.push({ heading: name, text });
  }
  return out;
}
