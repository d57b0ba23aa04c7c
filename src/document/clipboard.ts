import type * as Y from "yjs";
import { type MessageKey, translate } from "../i18n";
import {
  LIMITS,
  loadDocumentValue,
  type ModelGroup,
  type ModelNode,
  type NagareDocument,
  type Problem,
} from "../model";
import { groupSubtree, type Point } from "./geometry";
import { newId } from "./ids";
import { transactLocal } from "./transact";
import { type ElementSelection, putElement, SCHEMAS } from "./write";

/** Copy and paste of elements, and pasting a whole `*.nagare.json` document into a drawing. */

export const CLIP_FORMAT = "nagare-clip";

export function copyPayload(doc: NagareDocument, sel: ElementSelection): string {
  const nodeIds = new Set(sel.nodes ?? []);
  const groupIds = new Set(sel.groups ?? []);
  for (const gid of [...groupIds]) for (const id of groupSubtree(doc, gid)) groupIds.add(id);
  for (const n of doc.nodes) if (n.groupId && groupIds.has(n.groupId)) nodeIds.add(n.id);
  // Flows travel when both their ends do.
  const flows = doc.flows.filter((f) => nodeIds.has(f.source) && nodeIds.has(f.target));
  return JSON.stringify({
    format: CLIP_FORMAT,
    version: 1,
    nodes: doc.nodes.filter((n) => nodeIds.has(n.id)),
    groups: doc.groups.filter((g) => groupIds.has(g.id)),
    flows,
  });
}

export type PasteResult =
  | { ok: true; nodes: string[]; groups: string[]; flows: string[] }
  | { ok: false; problems: Problem[] };

const refuse = (key: MessageKey, vars?: Record<string, string | number>, path = ""): PasteResult => ({
  ok: false,
  problems: [{ path, code: "paste", ja: translate("ja", key, vars), en: translate("en", key, vars) }],
});

/**
 * Pastes copied elements (or the elements of a whole `*.nagare.json` document) with fresh ids, shifted by
 * `offset`. All or nothing: one invalid element refuses the paste and says which one.
 */
export function pasteText(ydoc: Y.Doc, doc: NagareDocument, text: string, offset: Point): PasteResult {
  if (text.length > LIMITS.fileBytes) return refuse("editor.paste.tooLarge");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse("editor.paste.notJson");
  }
  if (!raw || typeof raw !== "object") return refuse("editor.paste.notOurs");
  const obj = raw as Record<string, unknown>;
  let items: { nodes: unknown[]; groups: unknown[]; flows: unknown[] };
  if (obj.format === CLIP_FORMAT) {
    const arr = (v: unknown) => (Array.isArray(v) ? v : []);
    items = { nodes: arr(obj.nodes), groups: arr(obj.groups), flows: arr(obj.flows) };
  } else if (obj.format === "nagare") {
    const loaded = loadDocumentValue(obj);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    items = { nodes: loaded.doc.nodes, groups: loaded.doc.groups, flows: loaded.doc.flows };
  } else return refuse("editor.paste.notOurs");

  const budget = LIMITS.nodes - doc.nodes.length;
  if (items.nodes.length > budget) return refuse("editor.paste.tooMany");
  // Validate everything before writing anything.
  const parsed = { nodes: [] as ModelNode[], groups: [] as ModelGroup[], flows: [] as Record<string, unknown>[] };
  for (const [coll, list] of [
    ["nodes", items.nodes],
    ["groups", items.groups],
    ["flows", items.flows],
  ] as const) {
    for (let i = 0; i < list.length; i++) {
      const r = SCHEMAS[coll].safeParse(list[i]);
      if (!r.success)
        return refuse(
          "editor.paste.invalid",
          {
            where: `${coll}[${i}]`,
            detail: `${r.error.issues[0]?.path.join(".") ?? ""}: ${r.error.issues[0]?.message ?? ""}`,
          },
          `${coll}[${i}]`,
        );
      (parsed[coll] as unknown[]).push(r.data);
    }
  }
  const idMap = new Map<string, string>();
  for (const g of parsed.groups) idMap.set(g.id, newId("g"));
  for (const n of parsed.nodes) idMap.set(n.id, newId("n"));
  const shift = (p: Point) => ({ x: p.x + offset.x, y: p.y + offset.y });
  const out = { nodes: [] as string[], groups: [] as string[], flows: [] as string[] };
  transactLocal(ydoc, () => {
    for (const g of parsed.groups) {
      const id = idMap.get(g.id) as string;
      const parentId = g.parentId ? idMap.get(g.parentId) : undefined;
      putElement(ydoc, "groups", { ...g, id, parentId, position: shift(g.position) });
      out.groups.push(id);
    }
    for (const n of parsed.nodes) {
      const id = idMap.get(n.id) as string;
      const groupId = n.groupId ? idMap.get(n.groupId) : undefined;
      // References to lists of another document (files, 委託事項) do not travel.
      putElement(ydoc, "nodes", {
        ...n,
        id,
        groupId,
        position: shift(n.position),
        fileIds: [],
        delegationId: undefined,
      });
      out.nodes.push(id);
    }
    for (const f of parsed.flows) {
      const source = idMap.get(f.source as string);
      const target = idMap.get(f.target as string);
      if (!source || !target) continue; // an edge to a node that was not copied
      const id = newId("f");
      putElement(ydoc, "flows", {
        ...f,
        id,
        source,
        target,
        fileIds: [],
        delegationId: undefined,
        provisionId: undefined,
      });
      out.flows.push(id);
    }
  });
  return { ok: true, ...out };
}
