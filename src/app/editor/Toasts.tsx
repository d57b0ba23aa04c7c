import { useCallback, useState } from "react";

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "warn" | "error";
  /** A button on the message (e.g. "move it to its lane"). */
  action?: { label: string; run: () => void };
}

export type Notify = (text: string, kind?: Toast["kind"], action?: Toast["action"]) => void;

/** Short messages at the bottom of the canvas; errors and messages with a button stay longer. */
export function useToasts(): { toasts: Toast[]; notify: Notify; dismiss: (id: number) => void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);
  const notify = useCallback<Notify>(
    (text, kind = "info", action) => {
      const id = Date.now() + Math.random();
      setToasts((ts) => [...ts.slice(-3), { id, text, kind, ...(action ? { action } : {}) }]);
      setTimeout(() => dismiss(id), kind !== "info" || action ? 9000 : 4000);
    },
    [dismiss],
  );
  return { toasts, notify, dismiss };
}

export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`} role={x.kind === "info" ? "status" : "alert"}>
          {x.text}
          {x.action ? (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                x.action?.run();
                dismiss(x.id);
              }}
            >
              {x.action.label}
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
