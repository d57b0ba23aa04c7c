import type * as Y from "yjs";
import type { Lang, MessageKey } from "../../../i18n";
import type { NagareDocument } from "../../../model";
import type { PendingDelete } from "../Dialogs";
import type { CanvasSelection, ElementIds } from "../panels";
import type { Notify } from "../Toasts";

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What an element's context menu was opened on. */
export type MenuTarget = "node" | "flow" | "group" | "pane";

/** The commands of the surrounding editor an action may use (dialogs, modes, view). */
export interface EditorUi {
  openHelp: () => void;
  startWalk: () => void;
  focusSearch: () => void;
  confirmDelete: (pending: PendingDelete) => void;
  /** Opens the chooser of a new flow's target (keyboard drawing). */
  chooseFlowTarget: (sourceId: string) => void;
  /** Clears selection, highlight and search. */
  clear: () => void;
  fitView: () => void;
  /** Reports elements whose membership changed (where they went, and a wrong lane). */
  reportPlaced: (ids: string[]) => void;
  /** Actions running in the background (auto layout), by id. */
  busy: ReadonlySet<string>;
  setBusy: (id: string, on: boolean) => void;
  /** This link may write review remarks (every link but a view link). */
  canComment: boolean;
  /** Opens the comments panel's form for a remark on the selection. */
  compose: () => void;
  /** Starts the presenter of the open review remarks. */
  presentReview: () => void;
}

/** Everything an action sees: the document, the selection, and the editor around it. */
export interface ActionContext {
  ydoc: Y.Doc;
  model: NagareDocument;
  lang: Lang;
  t: Translate;
  readOnly: boolean;
  selection: CanvasSelection;
  select: (ids: ElementIds) => void;
  notify: Notify;
  undo: Y.UndoManager;
  /** Writes a drag still being throttled, before undo or anything that reads positions. */
  flushDrag: () => void;
  ui: EditorUi;
}

/** Groups of the help list and the context menu, in this order. */
export type ActionSection = "edit" | "flow" | "arrange" | "view" | "help";

/**
 * One thing the editor can do. The same object drives the toolbar button, the keyboard shortcut, the
 * context menu entry and the help list, so that they cannot disagree.
 */
export interface EditorAction {
  id: string;
  label: MessageKey;
  /** The label while it runs in the background (auto layout). */
  busyLabel?: MessageKey;
  section: ActionSection;
  /** Shortcuts, the first one shown: "Mod+Z", "Shift+L", "Delete", "?". Mod is Ctrl (⌘ on a Mac). */
  keys?: readonly string[];
  /** Changes the document: not offered on a read-only link. */
  edits?: boolean;
  /** Shown as a toolbar button. */
  toolbar?: boolean;
  /** Offered in the context menu of these targets. */
  menu?: readonly MenuTarget[];
  /** Whether it can run now (disabled in the toolbar and menu otherwise; the key does nothing). */
  enabled?: (ctx: ActionContext) => boolean;
  perform: (ctx: ActionContext) => void | Promise<void>;
}

/** Defines an action (typed, so that each module stays one expression). */
export const defineAction = (a: EditorAction): EditorAction => a;

export const hasSelection = (ctx: ActionContext) =>
  ctx.selection.nodes.length + ctx.selection.flows.length + ctx.selection.groups.length > 0;
