import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";

/**
 * Connects a Y.Doc to the Nagare server over WebSocket (the y-websocket 3 client). The token travels as
 * a query parameter of the upgrade request; the server checks it before upgrading.
 */
export type ConnectionStatus = "connecting" | "connected" | "disconnected";

export interface Connection {
  provider: WebsocketProvider;
  awareness: WebsocketProvider["awareness"];
  status: () => ConnectionStatus;
  onStatus: (cb: (s: ConnectionStatus) => void) => () => void;
  destroy: () => void;
}

export function wsBaseUrl(loc: Location = window.location): string {
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/ws`;
}

export function connectDocument(ydoc: Y.Doc, opts: { docId: string; token: string; url?: string }): Connection {
  const provider = new WebsocketProvider(opts.url ?? wsBaseUrl(), opts.docId, ydoc, {
    params: { token: opts.token },
  });
  let current: ConnectionStatus = "connecting";
  const listeners = new Set<(s: ConnectionStatus) => void>();
  provider.on("status", (e: { status: ConnectionStatus }) => {
    current = e.status;
    for (const l of listeners) l(current);
  });
  return {
    provider,
    awareness: provider.awareness,
    status: () => current,
    onStatus: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    destroy: () => provider.destroy(),
  };
}
