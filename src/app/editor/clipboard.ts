import { useEffect, useRef } from "react";
import type * as Y from "yjs";
import { copyPayload, pasteText } from "../../document";
import type { Lang } from "../../i18n";
import type { NagareDocument } from "../../model";
import type { Translate } from "./actions/types";
import { isTyping } from "./hooks";
import type { CanvasSelection, ElementIds } from "./panels";

interface ClipboardDeps {
  ydoc: Y.Doc;
  model: NagareDocument | null;
  selection: CanvasSelection;
  readOnly: boolean;
  lang: Lang;
  t: Translate;
  notify: (text: string, kind?: "info" | "error") => void;
  select: (ids: ElementIds) => void;
}

/**
 * Ctrl+C / Ctrl+V through the browser's own clipboard events (they work without clipboard permissions):
 * copied elements travel as JSON text, a whole `*.nagare.json` pastes too, and bad text is refused.
 */
export function useClipboard(deps: ClipboardDeps): void {
  const ref = useRef(deps);
  ref.current = deps;
  useEffect(() => {
    const onCopy = (e: ClipboardEvent) => {
      const { model, selection, notify, t } = ref.current;
      const n = selection.nodes.length + selection.groups.length + selection.flows.length;
      if (isTyping(e.target) || !model || !n) return;
      e.clipboardData?.setData("text/plain", copyPayload(model, selection));
      e.preventDefault();
      notify(t("editor.msg.copied", { n: selection.nodes.length + selection.groups.length }));
    };
    const onPaste = (e: ClipboardEvent) => {
      const { ydoc, model, readOnly, notify, t, lang, select } = ref.current;
      if (isTyping(e.target) || !model) return;
      e.preventDefault();
      if (readOnly) return notify(t("editor.msg.readOnly"), "error");
      const text = e.clipboardData?.getData("text/plain") ?? "";
      const r = pasteText(ydoc, model, text, { x: 40, y: 40 });
      if (!r.ok) {
        const detail = r.problems
          .slice(0, 2)
          .map((p) => p[lang])
          .join(" / ");
        notify(t("editor.msg.pasteRefused", { detail }), "error");
      } else {
        select({ nodes: r.nodes, groups: r.groups, flows: r.flows });
        notify(t("editor.msg.pasted", { n: r.nodes.length + r.groups.length }));
      }
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
}
