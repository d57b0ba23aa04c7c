import { compareSteps, type NagareDocument, TRANSPORTS } from "../model";

/**
 * The (備考) list of 別添1: one line per step in 事務 order. One step is often drawn as several arrows (a
 * 【窓口】 and a 【郵送】 path, or one hand-over through three systems); they share one 備考 sentence, so the
 * line appears once and points at all of them.
 */

export interface StepLine {
  step: string;
  text: string;
  flowIds: string[];
  nodeIds: string[];
}

export function stepLines(doc: NagareDocument): StepLine[] {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const flows = doc.flows.filter((f) => f.step?.trim() || f.sentence?.trim());
  flows.sort((a, b) => compareSteps(a.step, b.step) || a.id.localeCompare(b.id));
  const byStep = new Map<string, typeof flows>();
  const order: string[] = [];
  for (const f of flows) {
    // Unnumbered sentences each stand alone.
    const key = f.step?.trim() ? `s:${f.step.trim()}` : `f:${f.id}`;
    if (!byStep.has(key)) {
      byStep.set(key, []);
      order.push(key);
    }
    byStep.get(key)?.push(f);
  }
  const lines: StepLine[] = [];
  for (const key of order) {
    const group = byStep.get(key) ?? [];
    const bySentence = new Map<string, typeof flows>();
    for (const f of group) {
      const s = nodes.get(f.source)?.label ?? "";
      const t = nodes.get(f.target)?.label ?? "";
      const fallback = `${s}から${t}へ${f.data ? `${f.data}を` : ""}${f.transport ? `${TRANSPORTS[f.transport].ja}で` : ""}渡す。`;
      const sentence = f.sentence?.trim() || fallback;
      const list = bySentence.get(sentence) ?? [];
      list.push(f);
      bySentence.set(sentence, list);
    }
    const several = bySentence.size > 1;
    for (const [sentence, fs] of bySentence) {
      const variants = [...new Set(fs.map((f) => f.variant?.trim()).filter(Boolean))];
      // A variant is named only where the step's paths say different things and the sentence does not name it.
      const prefix = several && variants.length === 1 && !sentence.startsWith("【") ? `【${variants[0]}】` : "";
      lines.push({
        step: group[0]?.step?.trim() ?? "",
        text: prefix + sentence,
        flowIds: fs.map((f) => f.id),
        nodeIds: [...new Set(fs.flatMap((f) => [f.source, f.target]))],
      });
    }
  }
  return lines;
}
