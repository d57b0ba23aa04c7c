import { useEffect, useRef } from "react";
import { type ActionContext, isEnabled, type MenuTarget, menuActions, offered } from "./actions";
import { keyLabel } from "./actions/keys";

export interface MenuRequest {
  target: MenuTarget;
  x: number;
  y: number;
}

/**
 * The context menu: the same actions as the toolbar and the keyboard, those that apply to what was clicked.
 * ↑↓ move, Enter runs, Esc or a click elsewhere closes.
 */
export function ContextMenu({
  request,
  ctx,
  onClose,
}: {
  request: MenuRequest;
  ctx: ActionContext;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const items = menuActions(request.target).filter((a) => offered(a, ctx));
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener("pointerdown", away, true);
    return () => window.removeEventListener("pointerdown", away, true);
  }, [onClose]);
  if (!items.length) return null;
  // Kept inside the window.
  const left = Math.min(request.x, window.innerWidth - 260);
  const top = Math.min(request.y, window.innerHeight - 30 * items.length - 20);
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={ctx.t("editor.menu.label")}
      data-testid="context-menu"
      style={{ left, top }}
      onKeyDown={(e) => {
        const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
        const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === "ArrowDown") buttons[(i + 1) % buttons.length]?.focus();
        else if (e.key === "ArrowUp") buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
        else if (e.key === "Escape") onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {items.map((a) => (
        <button
          key={a.id}
          type="button"
          role="menuitem"
          data-action={a.id}
          disabled={!isEnabled(a, ctx)}
          onClick={() => {
            onClose();
            void a.perform(ctx);
          }}
        >
          <span>{ctx.t(a.label)}</span>
          {a.keys?.[0] ? <kbd>{keyLabel(a.keys[0])}</kbd> : null}
        </button>
      ))}
    </div>
  );
}
