import { reverseFlow, transactLocal } from "../../../document";
import { defineAction } from "./types";

/** Drawing flows from the keyboard, and turning flows around. */

export const connectAction = defineAction({
  id: "connect",
  label: "editor.action.connect",
  section: "flow",
  keys: ["Shift+C"],
  edits: true,
  toolbar: false,
  menu: ["node"],
  enabled: (ctx) => ctx.selection.nodes.length === 1 && ctx.model.nodes.length > 1,
  perform: (ctx) => ctx.ui.chooseFlowTarget(ctx.selection.nodes[0] as string),
});

export const reverseAction = defineAction({
  id: "reverse",
  label: "editor.action.reverse",
  section: "flow",
  keys: ["Shift+X"],
  edits: true,
  menu: ["flow"],
  enabled: (ctx) => ctx.selection.flows.length > 0,
  perform: (ctx) => {
    const ids = ctx.selection.flows;
    transactLocal(ctx.ydoc, () => {
      for (const id of ids) reverseFlow(ctx.ydoc, ctx.model, id);
    });
    ctx.notify(ctx.t("editor.msg.reversed", { n: ids.length }));
  },
});
