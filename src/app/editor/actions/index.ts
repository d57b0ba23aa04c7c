import { ARRANGE_ACTIONS } from "./arrange";
import { connectAction, reverseAction } from "./flows";
import { redoAction, undoAction } from "./history";
import { layoutAction } from "./layout";
import { renumberAction } from "./renumber";
import { commentAction, presentAction } from "./review";
import { resetRouteAction } from "./route";
import { clearAction, deleteAction, duplicateAction, selectAllAction } from "./selection";
import type { ActionContext, EditorAction, MenuTarget } from "./types";
import { fitAction, helpAction, searchAction, walkAction } from "./view";

export type { ActionContext, EditorAction, EditorUi, MenuTarget } from "./types";

/**
 * Every action of the editor, in the order of the toolbar and the help list. Adding a feature (a waypoint
 * command, a review comment) means adding its module here; toolbar, keyboard, context menu and help follow.
 */
export const ACTIONS: readonly EditorAction[] = [
  undoAction,
  redoAction,
  deleteAction,
  duplicateAction,
  selectAllAction,
  clearAction,
  connectAction,
  reverseAction,
  resetRouteAction,
  layoutAction,
  renumberAction,
  ...ARRANGE_ACTIONS,
  fitAction,
  walkAction,
  commentAction,
  presentAction,
  searchAction,
  helpAction,
];

/** Whether an action is offered at all here (editing actions are not, on a read-only link). */
export const offered = (a: EditorAction, ctx: Pick<ActionContext, "readOnly">) => !(a.edits && ctx.readOnly);

export const isEnabled = (a: EditorAction, ctx: ActionContext) => offered(a, ctx) && (a.enabled?.(ctx) ?? true);

/** Runs an action if it may run now; returns whether it did. */
export function run(a: EditorAction, ctx: ActionContext): boolean {
  if (!isEnabled(a, ctx)) return false;
  void a.perform(ctx);
  return true;
}

export const menuActions = (target: MenuTarget) => ACTIONS.filter((a) => a.menu?.includes(target));
