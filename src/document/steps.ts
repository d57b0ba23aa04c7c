import * as Y from "yjs";
import { circled, compareSteps, isValidStep, type ModelFlow, type NagareDocument, parseStep } from "../model";
import { collection } from "../sync/doc-shape";
import { transactLocal } from "./transact";

/**
 * Step labels of flows (①, ②-3 …): the order of the 備考 list and "renumber".
 */

/** Flows in 備考 order: by step label, unlabelled last in reading order (left to right, top to bottom). */
export function flowsInStepOrder(doc: NagareDocument): ModelFlow[] {
  const pos = new Map(doc.nodes.map((n) => [n.id, n.position]));
  const geo = (f: ModelFlow) => pos.get(f.source) ?? { x: 0, y: 0 };
  return [...doc.flows].sort((a, b) => {
    const c = compareSteps(a.step, b.step);
    if (c !== 0) return c;
    const pa = geo(a);
    const pb = geo(b);
    return pa.x - pb.x || pa.y - pb.y || a.id.localeCompare(b.id);
  });
}

/** The first part of a label and the rest: "②-3" → ["②", "-3"], "⑩" → ["⑩", ""]. */
function splitStep(label: string): [string, string] {
  const chars = [...label.trim()];
  let i = 0;
  if (/[0-9０-９]/.test(chars[0] ?? "")) while (i < chars.length && /[0-9０-９]/.test(chars[i] as string)) i++;
  else i = 1;
  return [chars.slice(0, i).join(""), chars.slice(i).join("")];
}

/**
 * New labels for every flow: ①, ②, … in the current step order, then the unlabelled flows in reading order.
 * Flows that shared a number keep sharing it (one step over several hops), and sub-numbers (-1, -2) stay.
 */
export function renumberSteps(doc: NagareDocument): Map<string, string> {
  const ordered = flowsInStepOrder(doc);
  const out = new Map<string, string>();
  const headOf = new Map<string, number>();
  let next = 1;
  for (const f of ordered) {
    if (f.step && isValidStep(f.step)) {
      const [head, rest] = splitStep(f.step);
      const key = String(parseStep(head)?.[0] ?? head);
      let n = headOf.get(key);
      if (n === undefined) {
        n = next++;
        headOf.set(key, n);
      }
      out.set(f.id, `${circled(n)}${rest}`);
    } else {
      out.set(f.id, circled(next++));
    }
  }
  return out;
}

/** Applies renumbering as one undo step; returns how many labels changed. */
export function applyRenumber(ydoc: Y.Doc, doc: NagareDocument): number {
  const labels = renumberSteps(doc);
  let changed = 0;
  transactLocal(ydoc, () => {
    const flows = collection(ydoc, "flows");
    for (const [id, label] of labels) {
      const m = flows.get(id);
      if (m instanceof Y.Map && m.get("step") !== label) {
        m.set("step", label);
        changed++;
      }
    }
  });
  return changed;
}

export type StepCheck = { ok: true; value: string | undefined } | { ok: false; reason: "invalid" | "too_long" };

/** Checks a label typed by a person; empty means "no step". */
export function checkStepLabel(input: string): StepCheck {
  const v = input.trim();
  if (!v) return { ok: true, value: undefined };
  if (v.length > 24) return { ok: false, reason: "too_long" };
  return isValidStep(v) ? { ok: true, value: v } : { ok: false, reason: "invalid" };
}
