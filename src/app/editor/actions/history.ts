import { defineAction } from "./types";

/** Undo and redo of this user's own edits. */

export const undoAction = defineAction({
  id: "undo",
  label: "editor.undo",
  section: "edit",
  keys: ["Mod+Z"],
  edits: true,
  toolbar: true,
  enabled: (ctx) => ctx.undo.canUndo(),
  perform: (ctx) => {
    ctx.flushDrag();
    ctx.undo.undo();
  },
});

export const redoAction = defineAction({
  id: "redo",
  label: "editor.redo",
  section: "edit",
  keys: ["Mod+Shift+Z", "Mod+Y"],
  edits: true,
  toolbar: true,
  enabled: (ctx) => ctx.undo.canRedo(),
  perform: (ctx) => {
    ctx.undo.redo();
  },
});
