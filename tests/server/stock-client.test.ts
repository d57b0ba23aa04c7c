import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { collection } from "../../src/sync/doc-shape";
import { liveServer } from "../support/live";
import { addNode, api, connectClient, createDoc, share, synced, waitFor } from "./support";

const env = liveServer({ env: { MAX_AWARENESS_BYTES: "1024" } });

/** A stock y-websocket provider, configured only as its documentation says: no Nagare code. */
function stockProvider(docId: string, token: string) {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${env.server.url.replace("http", "ws")}/ws`, docId, ydoc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const closed: { code: number; reason: string }[] = [];
  provider.on("closed", (e: { code: number; reason: string }) => closed.push(e));
  return { ydoc, provider, closed };
}

describe("stock y-websocket clients get only the standard protocol", () => {
  let logged: string[] = [];
  beforeEach(() => {
    logged = [];
    for (const level of ["error", "warn", "log"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
  });
  afterEach(() => vi.restoreAllMocks());

  test("view link, oversized presence and a refused edit: no error logged, refusals by close code and reason", async () => {
    const doc = await createDoc(env.server.url, { title: "標準" });
    const view = await share(env.server.url, doc, "view");
    const ours = connectClient(env.server.url, doc.id, doc.token);
    await synced(ours);
    addNode(ours.ydoc, "n1", "一");

    // A viewer: its edit is dropped (our client would be told "read_only"); it keeps syncing.
    const viewer = stockProvider(doc.id, view.token);
    await waitFor(() => viewer.provider.synced, 10_000, "viewer synced");
    viewer.ydoc.transact(() => collection(viewer.ydoc, "nodes").set("v", new Y.Map()));
    viewer.provider.awareness.setLocalStateField("user", { name: "x".repeat(5000) });
    addNode(ours.ydoc, "n2", "二");
    await waitFor(() => collection(viewer.ydoc, "nodes").has("n2"), 10_000, "viewer follows");
    expect(viewer.provider.wsconnected).toBe(true);

    // An editor sending an invalid element is closed with 4422 and the reason; it does not reconnect.
    const editor = stockProvider(doc.id, doc.token);
    await waitFor(() => editor.provider.synced, 10_000, "editor synced");
    editor.ydoc.transact(() => collection(editor.ydoc, "nodes").set("bad", 42));
    await waitFor(() => editor.closed.length > 0, 10_000, "editor closed");
    expect(editor.closed[0]).toEqual({ code: 4422, reason: "invalid_element" });
    const model = await api(env.server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
    expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["n1", "n2"]);

    // Our own client still hears the explanations.
    const ourViewer = connectClient(env.server.url, doc.id, view.token);
    await waitFor(() => ourViewer.conn.notice()?.code === "read_only", 10_000, "our client told");

    for (const p of [viewer, editor]) p.provider.destroy();
    ours.close();
    ourViewer.close();
    expect(logged.filter((l) => /Unable to compute message|error/i.test(l))).toEqual([]);
  });
});
