import { applyRenumber } from "../../../document";
import { defineAction } from "./types";

/** Renumbers the steps (①, ②, …) as one undo step. */
export const renumberAction = defineAction({
  id: "renumber",
  label: "editor.renumber",
  section: "flow",
  keys: ["Shift+R"],
  edits: true,
  toolbar: true,
  menu: ["pane"],
  enabled: (ctx) => ctx.model.flows.length > 0,
  perform: (ctx) => {
    ctx.notify(ctx.t("editor.msg.renumbered", { n: applyRenumber(ctx.ydoc, ctx.model) }));
  },
});
