import * as Y from "yjs";
import { classifyFlows, indexGraph, resolveParty } from "../derive";
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
 * The order of the story the flows tell: from 本人 (or, without one, from the source of the first 入手) along
 * the chain of flows, each branch followed to its end before the next (a request and its reply stay
 * together); flows leaving one element in the order of their targets on the page (top to bottom, then left to
 * right). Flows no chain reaches follow, each starting a chain of its own in the current step order.
 */
export function flowsInChainOrder(doc: NagareDocument): ModelFlow[] {
  const pos = new Map(doc.nodes.map((n) => [n.id, n.position]));
  const byPlace = (a: ModelFlow, b: ModelFlow) => {
    const pa = pos.get(a.target) ?? { x: 0, y: 0 };
    const pb = pos.get(b.target) ?? { x: 0, y: 0 };
    return pa.y - pb.y || pa.x - pb.x || compareSteps(a.step, b.step) || a.id.localeCompare(b.id);
  };
  const out = new Map<string, ModelFlow[]>();
  for (const f of doc.flows) out.set(f.source, [...(out.get(f.source) ?? []), f]);
  for (const list of out.values()) list.sort(byPlace);
  const index = indexGraph(doc);
  const subjects = doc.nodes
    .filter((n) => resolveParty(index, n).party === "subject")
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)
    .map((n) => n.id);
  const phases = classifyFlows(doc, index);
  const firstAcquisition = flowsInStepOrder(doc).find((f) => phases.get(f.id)?.phase === "acquisition");
  const starts = subjects.length ? subjects : firstAcquisition ? [firstAcquisition.source] : [];

  const seen = new Set<string>();
  const order: ModelFlow[] = [];
  const follow = (node: string) => {
    // Iterative depth-first walk, so that long chains cannot overflow the stack.
    const stack: ModelFlow[] = [...(out.get(node) ?? [])].reverse();
    while (stack.length) {
      const f = stack.pop() as ModelFlow;
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      order.push(f);
      stack.push(...[...(out.get(f.target) ?? [])].filter((x) => !seen.has(x.id)).reverse());
    }
  };
  for (const s of starts) follow(s);
  for (const f of flowsInStepOrder(doc))
    if (!seen.has(f.id)) {
      seen.add(f.id);
      order.push(f);
      follow(f.target);
    }
  return order;
}

/**
 * New labels for every flow: ①, ②, … in the order of the chain of flows (flowsInChainOrder). Flows that
 * shared a number keep sharing it (one step over several hops) and sub-numbers (-1, -2) stay. A label a
 * person pinned stays as it is, and its number is not given to another step.
 */
export function renumberSteps(doc: NagareDocument): Map<string, string> {
  const out = new Map<string, string>();
  const reserved = new Set<number>();
  for (const f of doc.flows)
    if (f.stepPinned && f.step) {
      out.set(f.id, f.step);
      const n = parseStep(splitStep(f.step)[0])?.[0];
      if (typeof n === "number") reserved.add(n);
    }
  const headOf = new Map<string, number>();
  let next = 1;
  const take = () => {
    while (reserved.has(next)) next++;
    return next++;
  };
  for (const f of flowsInChainOrder(doc)) {
    if (out.has(f.id)) continue;
    if (f.step && isValidStep(f.step)) {
      const [head, rest] = splitStep(f.step);
      const key = String(parseStep(head)?.[0] ?? head);
      let n = headOf.get(key);
      if (n === undefined) {
        n = take();
        headOf.set(key, n);
      }
      out.set(f.id, `${circled(n)}${rest}`);
    } else out.set(f.id, circled(take()));
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
