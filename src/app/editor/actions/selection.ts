import { connectedFlows, copyPayload, pasteText } from "../../../document";
import { defineAction, hasSelection } from "./types";

/** Selecting, deleting and duplicating what is selected. */

export const selectAllAction = defineAction({
  id: "selectAll",
  label: "editor.action.selectAll",
  section: "edit",
  keys: ["Mod+A"],
  menu: ["pane"],
  perform: (ctx) => ctx.select({ nodes: ctx.model.nodes.map((n) => n.id), flows: ctx.model.flows.map((f) => f.id) }),
});

export const clearAction = defineAction({
  id: "clear",
  label: "editor.action.clear",
  section: "edit",
  keys: ["Escape"],
  perform: (ctx) => ctx.ui.clear(),
});

export const deleteAction = defineAction({
  id: "delete",
  label: "editor.action.delete",
  section: "edit",
  keys: ["Delete", "Backspace"],
  edits: true,
  menu: ["node", "flow", "group"],
  enabled: hasSelection,
  perform: (ctx) => {
    const { nodes, groups, flows } = ctx.selection;
    ctx.ui.confirmDelete({
      nodes: [...nodes],
      groups: [...groups],
      flows: [...flows],
      connected: connectedFlows(ctx.model, nodes),
    });
  },
});

/** A copy next to the original, with the flows between copied elements (the clipboard is not used). */
export const duplicateAction = defineAction({
  id: "duplicate",
  label: "editor.action.duplicate",
  section: "edit",
  keys: ["Mod+D"],
  edits: true,
  menu: ["node", "group"],
  enabled: (ctx) => ctx.selection.nodes.length + ctx.selection.groups.length > 0,
  perform: (ctx) => {
    const r = pasteText(ctx.ydoc, ctx.model, copyPayload(ctx.model, ctx.selection), { x: 40, y: 40 });
    if (!r.ok)
      return ctx.notify(ctx.t("editor.msg.pasteRefused", { detail: r.problems[0]?.[ctx.lang] ?? "" }), "error");
    ctx.select({ nodes: r.nodes, groups: r.groups, flows: r.flows });
  },
});
