import { defineAction } from "./types";

/** The review (第三者点検): write a remark on what is selected, present the open remarks. */

export const commentAction = defineAction({
  id: "comment",
  label: "review.action.comment",
  section: "view",
  keys: ["Shift+M"],
  menu: ["node", "flow", "group", "pane"],
  enabled: (ctx) => ctx.ui.canComment,
  perform: (ctx) => ctx.ui.compose(),
});

export const presentAction = defineAction({
  id: "present-review",
  label: "review.action.present",
  section: "view",
  keys: ["Shift+P"],
  enabled: (ctx) => (ctx.model.comments ?? []).some((th) => th.status === "open" || th.status === "in_progress"),
  perform: (ctx) => ctx.ui.presentReview(),
});
