import { defineMessages } from "../define";

/** Strings of the editor's actions, placement, connecting and arranging. Add at the end of each table. */
export const drawingMessages = defineMessages(
  {
    "editor.action.selectAll": "すべて選択",
    "editor.action.clear": "選択を解除",
    "editor.action.delete": "削除",
    "editor.action.duplicate": "複製",
    "editor.side.title": "詳細パネル",
    "editor.side.collapse": "詳細パネルをたたむ",
    "editor.side.expand": "詳細パネルを開く",
    "editor.toolbar.label": "編集の操作",
  },
  {
    "editor.action.selectAll": "Select all",
    "editor.action.clear": "Clear selection",
    "editor.action.delete": "Delete",
    "editor.action.duplicate": "Duplicate",
    "editor.side.title": "Details panel",
    "editor.side.collapse": "Collapse the details panel",
    "editor.side.expand": "Open the details panel",
    "editor.toolbar.label": "Editing",
  },
);
