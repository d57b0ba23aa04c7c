import type { NagareDocument } from "../model";

/**
 * What changed between two versions of a model, element by element (matched by id): added, removed, changed
 * (with the fields whose content differs) and moved (only the place on the canvas differs). The versions page
 * colours the canvas with it; the 変更箇所 of 別添1 summarises it.
 */

export type ElementCollection = "nodes" | "groups" | "flows" | "files" | "delegations" | "provisions";
export const ELEMENT_COLLECTIONS: readonly ElementCollection[] = [
  "nodes",
  "groups",
  "flows",
  "files",
  "delegations",
  "provisions",
];

export type ElementChange = "added" | "removed" | "changed" | "moved";

export interface ElementDiff {
  collection: ElementCollection;
  id: string;
  change: ElementChange;
  /** The element's name as a person reads it (label, step, recipient …), after the change when it exists. */
  label: string;
  /** For "changed": the fields whose content differs (label, transport, owner …). */
  fields: string[];
}

export interface ModelDiff {
  elements: ElementDiff[];
  /** 文書情報 fields (meta) and the title that differ. */
  meta: string[];
  /** Ids of answers and decisions added, removed or changed. */
  answers: string[];
  decisions: string[];
}

/** Where an element sits and how it is drawn: a change here alone is a move, not a change of content. */
const LAYOUT_FIELDS = new Set(["position", "size", "waypoints", "labelOffset", "labelPosition"]);

type Element = { id: string } & Record<string, unknown>;

/** JSON with object keys sorted, so that the order in which fields were written does not count. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** An empty value and a missing one are the same content ("" vs absent, [] vs absent). */
const isBlank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function differingFields(a: Element, b: Element): { content: string[]; layout: boolean } {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const content: string[] = [];
  let layout = false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (isBlank(x) && isBlank(y)) continue;
    if (stableJson(x) === stableJson(y)) continue;
    if (LAYOUT_FIELDS.has(k)) layout = true;
    else content.push(k);
  }
  return { content: content.sort(), layout };
}

export function elementLabel(collection: ElementCollection, e: Element, doc: NagareDocument): string {
  const s = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  switch (collection) {
    case "flows": {
      const nodes = new Map(doc.nodes.map((n) => [n.id, n.label]));
      const ends = `${nodes.get(s(e.source)) ?? "?"} → ${nodes.get(s(e.target)) ?? "?"}`;
      return `${s(e.step) ? `${s(e.step)} ` : ""}${ends}${s(e.data) ? `（${s(e.data)}）` : ""}`;
    }
    case "provisions":
      return s(e.recipient);
    default:
      return s(e.label) || s(e.name) || e.id;
  }
}

export function diffModels(before: NagareDocument, after: NagareDocument): ModelDiff {
  const elements: ElementDiff[] = [];
  for (const collection of ELEMENT_COLLECTIONS) {
    const was = new Map((before[collection] as Element[]).map((e) => [e.id, e]));
    const now = new Map((after[collection] as Element[]).map((e) => [e.id, e]));
    for (const [id, e] of now) {
      const old = was.get(id);
      if (!old) {
        elements.push({ collection, id, change: "added", label: elementLabel(collection, e, after), fields: [] });
        continue;
      }
      const d = differingFields(old, e);
      if (d.content.length)
        elements.push({
          collection,
          id,
          change: "changed",
          label: elementLabel(collection, e, after),
          fields: d.content,
        });
      else if (d.layout)
        elements.push({ collection, id, change: "moved", label: elementLabel(collection, e, after), fields: [] });
    }
    for (const [id, e] of was)
      if (!now.has(id))
        elements.push({ collection, id, change: "removed", label: elementLabel(collection, e, before), fields: [] });
  }
  const metaBefore = { title: before.title, ...before.meta } as Record<string, unknown>;
  const metaAfter = { title: after.title, ...after.meta } as Record<string, unknown>;
  const meta = differingFields({ id: "", ...metaBefore }, { id: "", ...metaAfter }).content;
  const keyDiff = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => stableJson(a[k]) !== stableJson(b[k])).sort();
  return {
    elements,
    meta,
    answers: keyDiff(before.answers, after.answers),
    decisions: keyDiff(before.decisions, after.decisions),
  };
}

/** True when nothing but the layout differs. */
export function isContentUnchanged(d: ModelDiff): boolean {
  return !d.meta.length && !d.answers.length && !d.decisions.length && d.elements.every((e) => e.change === "moved");
}

/**
 * One drawing that shows both versions: the newer one, plus the elements only the older one had (drawn where
 * they stood, marked removed), and each drawn element's change for the canvas colours. Moves are not marked.
 */
export function comparisonView(
  before: NagareDocument,
  after: NagareDocument,
): { model: NagareDocument; changes: Map<string, "added" | "removed" | "changed">; diff: ModelDiff } {
  const diff = diffModels(before, after);
  const changes = new Map<string, "added" | "removed" | "changed">();
  const model: NagareDocument = {
    ...after,
    nodes: [...after.nodes],
    groups: [...after.groups],
    flows: [...after.flows],
  };
  for (const e of diff.elements) {
    if (e.collection !== "nodes" && e.collection !== "groups" && e.collection !== "flows") continue;
    if (e.change === "moved") continue;
    changes.set(e.id, e.change);
    if (e.change !== "removed") continue;
    if (e.collection === "nodes")
      model.nodes.push(before.nodes.find((x) => x.id === e.id) as NagareDocument["nodes"][number]);
    if (e.collection === "groups")
      model.groups.push(before.groups.find((x) => x.id === e.id) as NagareDocument["groups"][number]);
    if (e.collection === "flows")
      model.flows.push(before.flows.find((x) => x.id === e.id) as NagareDocument["flows"][number]);
  }
  // A removed element may point to a group or 委託事項 that no longer exists: drop such links, keep the element.
  const groups = new Set(model.groups.map((g) => g.id));
  model.nodes = model.nodes.map((n) => (n.groupId && !groups.has(n.groupId) ? { ...n, groupId: undefined } : n));
  model.groups = model.groups.map((g) => (g.parentId && !groups.has(g.parentId) ? { ...g, parentId: undefined } : g));
  return { model, changes, diff };
}
