import type { ModelFlow, NagareDocument } from "../model";
import type { Finding } from "../rules/types";
import type { Decoration } from "./binding";
import { tonesByElement } from "./findings";

/**
 * The view-only marks on the canvas, from what the editor is doing: finding colours and counts always; then
 * one focus at a time (walk-through step, a panel's highlight, search matches, or the risk view) which dims
 * everything else; and other participants' selections.
 */
export interface DecorationInput {
  model: NagareDocument;
  findings: Finding[] | null;
  walkFlow: ModelFlow | null | undefined;
  walking: boolean;
  highlight: ReadonlySet<string> | null;
  matches: string[];
  riskView: boolean;
  remote: ReadonlyMap<string, { name: string; color: string }[]>;
}

export function computeDecorations(input: DecorationInput): Map<string, Decoration> {
  const { model, findings, walkFlow, walking, highlight, matches, riskView, remote } = input;
  const out = new Map<string, Decoration>();
  const get = (id: string) => {
    let d = out.get(id);
    if (!d) out.set(id, (d = {}));
    return d;
  };
  const tones = findings ? tonesByElement(findings, model) : new Map();
  for (const [id, v] of tones) Object.assign(get(id), { tone: v.tone, count: v.count || undefined });
  let focus: ReadonlySet<string> | null = null;
  if (walking) focus = new Set(walkFlow ? [walkFlow.id, walkFlow.source, walkFlow.target] : []);
  else if (highlight) focus = highlight;
  else if (matches.length) focus = new Set(matches);
  else if (riskView) {
    const risky = new Set<string>();
    for (const [id, v] of tones) if (v.tone === "red" || v.tone === "amber" || v.tone === "grey") risky.add(id);
    focus = risky;
  }
  if (focus) {
    // Walk-through and search also ring what they point at; a highlight or the risk view only dims the rest.
    const ring = walking || matches.length > 0;
    for (const el of [...model.nodes, ...model.flows]) {
      if (focus.has(el.id)) {
        if (ring) get(el.id).focus = true;
      } else get(el.id).dim = true;
    }
  }
  for (const [id, who] of remote) get(id).remote = who;
  return out;
}
