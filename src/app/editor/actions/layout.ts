import { computeLayout } from "../../../canvas/layout/client";
import { writePositions } from "../../../document";
import { defineAction } from "./types";

/** Auto layout (elk, in a worker): one undo step, lanes and boundaries kept. */
export const layoutAction = defineAction({
  id: "layout",
  label: "editor.layout",
  busyLabel: "editor.layout.running",
  section: "arrange",
  keys: ["Shift+L"],
  edits: true,
  toolbar: true,
  menu: ["pane"],
  enabled: (ctx) => !ctx.ui.busy.has("layout") && ctx.model.nodes.length > 0,
  perform: async (ctx) => {
    ctx.ui.setBusy("layout", true);
    try {
      const started = performance.now();
      const out = await computeLayout(ctx.model);
      writePositions(ctx.ydoc, out.writes);
      ctx.notify(ctx.t("editor.msg.layoutDone", { ms: Math.round(performance.now() - started) }));
      setTimeout(ctx.ui.fitView, 60);
    } catch (e) {
      ctx.notify(ctx.t("editor.msg.layoutFailed", { error: e instanceof Error ? e.message : String(e) }), "error");
    } finally {
      ctx.ui.setBusy("layout", false);
    }
  },
});
