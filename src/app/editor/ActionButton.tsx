import type { ActionContext, EditorAction } from "./actions";
import { isEnabled } from "./actions";
import { ariaKeys, keyLabel } from "./actions/keys";

/** A toolbar button for an action: its label, its shortcut in the tooltip, disabled when it cannot run. */
export function ActionButton({ action, ctx }: { action: EditorAction; ctx: ActionContext }) {
  const label = ctx.t(action.label);
  const key = action.keys?.[0];
  return (
    <button
      type="button"
      data-action={action.id}
      disabled={!isEnabled(action, ctx)}
      title={key ? `${label} (${keyLabel(key)})` : label}
      aria-keyshortcuts={ariaKeys(action.keys)}
      onClick={() => void action.perform(ctx)}
    >
      {action.busyLabel && ctx.ui.busy.has(action.id) ? ctx.t(action.busyLabel) : label}
    </button>
  );
}
