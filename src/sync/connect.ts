import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION } from "../model";

/**
 * Connects a Y.Doc to the Nagare server over WebSocket (the y-websocket 3 client). The token travels as
 * a query parameter of the upgrade request; the server checks it before upgrading.
 *
 * Beyond the plain provider this knows the server's answers:
 *   - NOTICE messages (type 21): a bilingual explanation the server sends before it drops or closes
 *     (view-only link, refused update, limits);
 *   - close codes 4400-4499 (and 1009, message too large) are final: no reconnect loop;
 *   - a refused upgrade (401/403/404/410 cannot be read by a browser WebSocket) is detected by asking
 *     the HTTP API once, and is final too.
 * Presence: publish yourself with `setParticipant` (awareness field `user`: {name, color}); cursors and
 * selections go in other awareness fields of your choice.
 */
export type ConnectionStatus = "connecting" | "connected" | "disconnected" | "refused";

export interface ServerNotice {
  code: string;
  ja: string;
  en: string;
}

export interface Connection {
  provider: WebsocketProvider;
  awareness: WebsocketProvider["awareness"];
  status: () => ConnectionStatus;
  onStatus: (cb: (s: ConnectionStatus) => void) => () => void;
  /** The last explanation from the server (read-only, refusal, limit), if any. */
  notice: () => ServerNotice | null;
  onNotice: (cb: (n: ServerNotice) => void) => () => void;
  /** Resolves once the document has been received from the server. */
  whenSynced: () => Promise<void>;
  destroy: () => void;
}

export const MSG_NOTICE = 21;

export function wsBaseUrl(loc: Location = window.location): string {
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/ws`;
}

export interface ConnectOptions {
  docId: string;
  token: string;
  /** WebSocket base URL (default: this page's host + /ws). */
  url?: string;
  /** HTTP origin of the API, to explain a refused connection (default: this page's origin). */
  apiOrigin?: string;
  /** Node: pass the `ws` package. */
  WebSocketPolyfill?: unknown;
}

const REFUSED: Record<number, ServerNotice> = {
  401: { code: "token_missing", ja: "アクセス用のリンクがありません", en: "no access token" },
  403: {
    code: "token_invalid",
    ja: "このリンクでは文書を開けません（誤り、または取り消し済み）",
    en: "this link does not give access to the document (wrong or revoked)",
  },
  404: { code: "not_found", ja: "文書が見つかりません", en: "document not found" },
  410: { code: "deleted", ja: "文書は削除されました", en: "the document was deleted" },
};

const CLOSE_NOTICE: Record<number, ServerNotice> = {
  1009: {
    code: "message_too_large",
    ja: "一度に送る変更が大きすぎます",
    en: "a change was too large to send",
  },
};

export function connectDocument(ydoc: Y.Doc, opts: ConnectOptions): Connection {
  const provider = new WebsocketProvider(opts.url ?? wsBaseUrl(), opts.docId, ydoc, {
    // notices=1: this client reads the server's NOTICE messages (a stock provider does not announce it).
    // schema: the model version this page was built for; the server asks an outdated page to reload.
    params: { token: opts.token, notices: "1", schema: String(CURRENT_SCHEMA_VERSION) },
    // Tabs of one browser must not bypass the server (a view-only tab could otherwise pass edits on).
    disableBc: true,
    shouldReconnect: (event) => !(event.code >= 4400 && event.code < 4500) && event.code !== 1009,
    ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as typeof WebSocket } : {}),
  });
  let current: ConnectionStatus = "connecting";
  let lastNotice: ServerNotice | null = null;
  let openedThisAttempt = false;
  let probing = false;
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const noticeListeners = new Set<(n: ServerNotice) => void>();
  const setStatus = (s: ConnectionStatus) => {
    if (current === "refused" && s !== "refused") return;
    current = s;
    for (const l of statusListeners) l(current);
  };
  const tell = (n: ServerNotice) => {
    lastNotice = n;
    for (const l of noticeListeners) l(n);
  };
  const refuse = (n: ServerNotice) => {
    provider.disconnect();
    tell(n);
    setStatus("refused");
  };

  provider.messageHandlers[MSG_NOTICE] = (_encoder, decoder) => {
    try {
      const n = JSON.parse(decoding.readVarString(decoder)) as ServerNotice;
      if (typeof n.code === "string" && typeof n.ja === "string" && typeof n.en === "string") tell(n);
    } catch {
      // An unreadable notice changes nothing.
    }
  };
  provider.on("status", (e: { status: "connecting" | "connected" | "disconnected" }) => {
    if (e.status === "connected") openedThisAttempt = true;
    setStatus(e.status);
  });
  provider.on("closed", (e: { code: number; reason: string }) => {
    const known = CLOSE_NOTICE[e.code];
    if (known) tell(known);
    else if (!lastNotice || lastNotice.code !== e.reason)
      tell({
        code: e.reason || String(e.code),
        ja: `接続が閉じられました（${e.reason}）`,
        en: `connection closed (${e.reason})`,
      });
    setStatus("refused");
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    // A refused upgrade looks like an abnormal close (1006) before the socket opened; ask the API why.
    const wasOpen = openedThisAttempt;
    openedThisAttempt = false;
    if (event?.code !== 1006 || wasOpen || probing) return;
    probing = true;
    const origin = opts.apiOrigin ?? (typeof window !== "undefined" ? window.location.origin : "");
    fetch(`${origin}/api/documents/${encodeURIComponent(opts.docId)}`, {
      headers: { authorization: `Bearer ${opts.token}` },
    })
      .then((res) => {
        const n = REFUSED[res.status];
        if (n) refuse(n);
      })
      .catch(() => {
        // The server is unreachable: keep retrying through the provider.
      })
      .finally(() => {
        probing = false;
      });
  });

  return {
    provider,
    awareness: provider.awareness,
    status: () => current,
    onStatus: (cb) => {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    notice: () => lastNotice,
    onNotice: (cb) => {
      noticeListeners.add(cb);
      return () => noticeListeners.delete(cb);
    },
    whenSynced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const on = (s: boolean) => {
              if (!s) return;
              provider.off("sync", on);
              resolve();
            };
            provider.on("sync", on);
          }),
    destroy: () => provider.destroy(),
  };
}

/** Publishes the local participant (name shown to others and in the activity log, colour of the cursor). */
export function setParticipant(awareness: Connection["awareness"], user: { name: string; color?: string }): void {
  awareness.setLocalStateField("user", { name: user.name.slice(0, 80), color: user.color });
}
