import { defineAction } from "./types";

/** Looking at the drawing: fit, walk through, search, help. None of them changes the document. */

export const fitAction = defineAction({
  id: "fit",
  label: "editor.fit",
  section: "view",
  keys: ["Shift+1"],
  toolbar: true,
  menu: ["pane"],
  perform: (ctx) => ctx.ui.fitView(),
});

export const walkAction = defineAction({
  id: "walkthrough",
  label: "editor.walkthrough",
  section: "view",
  keys: ["Shift+W"],
  toolbar: true,
  perform: (ctx) => ctx.ui.startWalk(),
});

export const searchAction = defineAction({
  id: "search",
  label: "editor.search",
  section: "view",
  keys: ["Mod+F"],
  perform: (ctx) => ctx.ui.focusSearch(),
});

export const helpAction = defineAction({
  id: "help",
  label: "editor.help",
  section: "help",
  keys: ["?"],
  perform: (ctx) => ctx.ui.openHelp(),
});
