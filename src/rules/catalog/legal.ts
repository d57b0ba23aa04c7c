import type { LegalBasis } from "../../model";
import type { EvalContext, FlowFacts } from "../context";

/** Legal-basis helpers shared by the 提供・移転 rules. */

/** The bases that apply to a flow: its own, those of its provision record, or of a provision naming its target. */
export function basesOf(f: FlowFacts, ctx: EvalContext): readonly LegalBasis[] {
  const linked = f.flow.provisionId ? ctx.provisions.get(f.flow.provisionId) : undefined;
  const byRecipient = linked ? undefined : ctx.provisionsByRecipient.get(f.target.node.id);
  // Most flows carry their bases themselves: no copy needed.
  if (!linked && !byRecipient) return f.flow.legalBasis;
  const hit = f.memo.get("bases") as LegalBasis[] | undefined;
  if (hit) return hit;
  const out = [...f.flow.legalBasis];
  if (linked) out.push(...linked.legalBasis);
  else for (const p of byRecipient ?? []) out.push(...p.legalBasis);
  f.memo.set("bases", out);
  return out;
}

/** The article of the 番号法 a basis cites (structured, or read from the text as written). */
export function mynumberArticle(b: LegalBasis): string | null {
  if (b.law !== "mynumber_act") {
    if (b.law === "other" && b.text && /番号法/.test(b.text)) return articleFromText(b.text);
    return null;
  }
  return b.article ?? (b.text ? articleFromText(b.text) : null);
}

function articleFromText(text: string): string | null {
  const m = /第\s*([0-9０-９]+)\s*条/.exec(text);
  if (!m) return null;
  return m[1].replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export const isArticle = (b: LegalBasis, article: string) => mynumberArticle(b) === article;

/** Whether the flow goes through the 情報提供ネットワークシステム (or its 中間サーバー gateway). */
export function viaNetwork(f: FlowFacts): boolean {
  if (f.flow.transport === "info_provision_network") return true;
  const roles = [f.source.node.systemRole, f.target.node.systemRole];
  return roles.includes("info_provision_network") || roles.includes("middle_server");
}

export const PROVISION_PHASES = new Set(["provision", "transfer", "network_provision"]);

const LEAVING = new Set(["external", "self_other_organ", "self_department"]);

/**
 * A flow that needs a basis under 番号法第19条 or 第9条: a 提供 or 移転, and also a flow whose phase is undecided
 * but which may leave the body (a network flow, or one into another body or department). An undecided phase
 * must not switch the check off.
 */
export function mayLeaveTheBody(f: FlowFacts): boolean {
  if (f.phase !== null) return PROVISION_PHASES.has(f.phase);
  const c = f.classification;
  if (c.rule === "outside" || c.rule === "dangling") return false;
  if (c.candidates.some((p) => PROVISION_PHASES.has(p))) return true;
  return f.target.party !== null && LEAVING.has(f.target.party) && f.source.party !== f.target.party;
}
