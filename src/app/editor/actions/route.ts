import { setFlowWaypoints, transactLocal } from "../../../document";
import { defineAction } from "./types";

/** Returns the selected flows with pinned bends to automatic routing (one undo step). */
export const resetRouteAction = defineAction({
  id: "resetRoute",
  label: "editor.action.resetRoute",
  section: "flow",
  keys: ["Shift+B"],
  edits: true,
  menu: ["flow"],
  enabled: (ctx) => pinnedFlows(ctx).length > 0,
  perform: (ctx) => {
    const ids = pinnedFlows(ctx);
    transactLocal(ctx.ydoc, () => {
      for (const id of ids) setFlowWaypoints(ctx.ydoc, id, null);
    });
    ctx.notify(ctx.t("editor.msg.routeReset", { n: ids.length }));
  },
});

function pinnedFlows(ctx: Parameters<NonNullable<typeof resetRouteAction.enabled>>[0]): string[] {
  const chosen = new Set(ctx.selection.flows);
  return ctx.model.flows.filter((f) => chosen.has(f.id) && f.waypoints?.length).map((f) => f.id);
}
