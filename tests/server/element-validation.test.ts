import fs from "node:fs";
import path from "node:path";
import * as encoding from "lib0/encoding";
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { collection } from "../../src/sync/doc-shape";
import { liveServer } from "../support/live";
import {
  addFlow,
  addNode,
  api,
  connectClient,
  createDoc,
  nodeIds,
  rawUpgrade,
  sleep,
  stateOf,
  storedModel,
  synced,
  waitFor,
} from "./support";

const env = liveServer();

const elementOf = (d: Y.Doc, coll: "nodes" | "flows", id: string) => collection(d, coll).get(id) as Y.Map<unknown>;

describe("every element the server stores is valid", () => {
  const invalid: [string, (d: Y.Doc) => void, string][] = [
    [
      "a flow sentence of 1 MB (limit 20,000 characters)",
      (d) => {
        d.transact(() => {
          addFlow(d, "big", "keep", "keep2");
          elementOf(d, "flows", "big").set("sentence", "x".repeat(1_000_000));
        });
      },
      "invalid_element",
    ],
    ["a new node of an unknown kind", (d) => d.transact(() => addNodeOfKind(d, "ufo-node", "ufo")), "invalid_element"],
    [
      "an existing node changed to an unknown kind",
      (d) => d.transact(() => elementOf(d, "nodes", "keep").set("kind", "ufo")),
      "invalid_element",
    ],
    // Field edits of a valid element are checked field by field: each way a field can break the element.
    [
      "an existing node moved to a position that is not a point",
      (d) => d.transact(() => elementOf(d, "nodes", "keep").set("position", { x: "左", y: 0 })),
      "invalid_element",
    ],
    [
      "an existing node's required label removed",
      (d) => d.transact(() => elementOf(d, "nodes", "keep").delete("label")),
      "invalid_element",
    ],
    [
      "a field unknown to the schema added to an existing node",
      (d) => d.transact(() => elementOf(d, "nodes", "keep2").set("colour", "red")),
      "invalid_element",
    ],
    [
      "a control character in an existing node's note, with a valid move in the same change",
      (d) =>
        d.transact(() => {
          elementOf(d, "nodes", "keep").set("position", { x: 5, y: 5 });
          elementOf(d, "nodes", "keep").set("note", "備考\u0007");
        }),
      "invalid_element",
    ],
    [
      "a collection entry that is not an element",
      (d) => d.transact(() => collection(d, "nodes").set("raw", 42)),
      "invalid_element",
    ],
    ["a label with a control character", (d) => addNode(d, "ctl", "ベル\u0007"), "invalid_element"],
    // (A lone surrogate cannot travel in a Yjs update: its UTF-8 encoding turns it into U+FFFD.)
    [
      "a title with a control character",
      (d) => d.transact(() => d.getMap("nagare").set("title", "表題\u001b")),
      "bad_title",
    ],
    [
      "an invalid decision on a finding",
      (d) => d.transact(() => collection(d, "decisions").set("media-unencrypted:f1", { status: "maybe" })),
      "invalid_element",
    ],
  ];
  for (const [name, breakIt, code] of invalid)
    test(`refused: ${name}; the sender is told, nothing is stored, the others go on`, async () => {
      const doc = await createDoc(env.server.url, { title: "検証" });
      const a = connectClient(env.server.url, doc.id, doc.token);
      const b = connectClient(env.server.url, doc.id, doc.token);
      await synced(a, b);
      addNode(a.ydoc, "keep", "残る");
      addNode(a.ydoc, "keep2", "残る2");
      await waitFor(() => nodeIds(b.ydoc).length === 2);
      const before = stateOf(b.ydoc);
      breakIt(a.ydoc);
      await waitFor(() => a.conn.status() === "refused", 10_000, "a refused");
      expect(a.conn.notice()?.code).toBe(code);
      expect(a.conn.notice()?.ja).toMatch(/不正|保存できません/);
      expect(a.conn.notice()?.en).toBeTruthy();
      // Nothing of the refused change reached anyone or the database.
      const fresh = connectClient(env.server.url, doc.id, doc.token);
      await synced(fresh);
      expect(stateOf(fresh.ydoc)).toBe(before);
      expect(stateOf(b.ydoc)).toBe(before);
      expect(b.conn.status()).toBe("connected");
      const model = await api(env.server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.status).toBe(200);
      expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["keep", "keep2"]);
      expect(model.body.flows).toEqual([]);
      for (const c of [a, b, fresh]) c.close();
    });

  test("valid edits and dangling references from concurrent deletes are still accepted", async () => {
    const doc = await createDoc(env.server.url);
    const a = connectClient(env.server.url, doc.id, doc.token);
    await synced(a);
    addNode(a.ydoc, "n1", "一");
    addFlow(a.ydoc, "f1", "n1", "gone");
    a.ydoc.transact(() => elementOf(a.ydoc, "nodes", "n1").set("note", "改行\nとタブ\tは可"));
    // Stored means accepted: a refused update would have closed the connection and stored nothing.
    await storedModel(env.server.url, doc, (m) => m.nodes[0]?.note === "改行\nとタブ\tは可", "the note to be stored");
    expect(a.conn.status()).toBe("connected");
    a.close();
  });
});

function addNodeOfKind(d: Y.Doc, id: string, kind: string) {
  const m = new Y.Map<unknown>();
  m.set("id", id);
  m.set("kind", kind);
  m.set("label", id);
  m.set("position", { x: 0, y: 0 });
  collection(d, "nodes").set(id, m);
}

describe("text over HTTP is repaired, never breaks a download", () => {
  test("a title with a lone surrogate and a control character: stored repaired; the model downloads", async () => {
    const doc = await createDoc(env.server.url, { title: "壊れた\uD800表題\u0001" });
    const summary = await api(env.server.url, `/api/documents/${doc.id}`, { token: doc.token });
    expect(summary.body.title).toBe("壊れた\uFFFD表題\uFFFD");
    // A surrogate pair cut at the file name's length limit must not break it either.
    const long = `${"あ".repeat(79)}😀`;
    expect(
      (
        await api(env.server.url, `/api/documents/${doc.id}`, {
          method: "PATCH",
          token: doc.token,
          body: { title: long },
        })
      ).status,
    ).toBe(200);
    const res = await fetch(`${env.server.url}/api/documents/${doc.id}/model`, {
      headers: { authorization: `Bearer ${doc.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    expect((await res.json()).title).toBe(long);
  });

  test("an imported file's broken text is repaired, visibly", async () => {
    const file = JSON.parse(
      fs.readFileSync(
        path.resolve(
          import.meta.dirname,
          "../../templates",
          fs
            .readdirSync(path.resolve(import.meta.dirname, "../../templates"))
            .find((f) => f.endsWith(".nagare.json")) as string,
        ),
        "utf8",
      ),
    );
    file.title = "取込\uDBFF";
    file.nodes[0].label = "ラベル\u001b[31m";
    const r = await api(env.server.url, "/api/documents/import", { raw: JSON.stringify(file) });
    expect(r.status).toBe(201);
    const model = await api(env.server.url, `/api/documents/${r.body.id}/model`, { token: r.body.token });
    expect(model.status).toBe(200);
    expect(model.body.title).toBe("取込\uFFFD");
    expect(model.body.nodes.find((n: { id: string }) => n.id === file.nodes[0].id).label).toBe("ラベル\uFFFD[31m");
  });
});

describe("presence (awareness) has a size and rate limit", () => {
  const awarenessMessage = (clientId: number, clock: number, state: unknown) => {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const msg = encoding.createEncoder();
    encoding.writeVarUint(msg, 1);
    encoding.writeVarUint8Array(msg, encoding.toUint8Array(inner));
    return encoding.toUint8Array(msg);
  };

  test("a 1.9 MB presence message from a view link is not relayed; small ones are, at a bounded rate", async () => {
    const doc = await createDoc(env.server.url);
    const viewLink = await api(env.server.url, `/api/documents/${doc.id}/shares`, {
      token: doc.token,
      body: { role: "view" },
    });
    const watcher = connectClient(env.server.url, doc.id, doc.token);
    await synced(watcher);
    let received = 0;
    watcher.conn.provider.ws?.addEventListener("message", (e: { data: unknown }) => {
      const data = e.data as ArrayBuffer | Buffer;
      const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : (data as Buffer));
      if (bytes[0] === 1) received += bytes.length;
    });
    const raw = await rawUpgrade(
      `${env.server.url.replace("http", "ws")}/ws/${doc.id}?token=${viewLink.body.token}&notices=1`,
    );
    const ws = raw.ws as import("ws").WebSocket;
    const notices: string[] = [];
    ws.on("message", (d: Buffer) => {
      if (d[0] === 21) notices.push(d.toString("utf8"));
    });
    const me = 424242;
    ws.send(awarenessMessage(me, 1, { user: { name: "大" }, junk: "x".repeat(1_900_000) }));
    ws.send(awarenessMessage(me, 2, { user: { name: "小" } }));
    await waitFor(
      () =>
        (watcher.conn.awareness.getStates().get(me) as { user?: { name?: string } } | undefined)?.user?.name === "小",
      5_000,
      "small presence relayed",
    );
    expect(received).toBeLessThan(10_000);
    await waitFor(() => notices.some((n) => n.includes("presence_limited")), 5_000, "sender told");
    // A flood of 2,000 presence messages of ~1 KB in one burst: only about two seconds' budget gets through.
    received = 0;
    let sent = 0;
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      const m = awarenessMessage(me, 3 + i, { user: { name: "小" }, pad: "y".repeat(1000) });
      sent += m.length;
      ws.send(m);
    }
    // A measuring window (the point of the test): what arrives within it is bounded by the budget and its refill.
    await sleep(500);
    // At most the two-second burst plus the refill over the time it took (64 KiB/s by default).
    const seconds = (performance.now() - t0) / 1000;
    expect(received).toBeLessThan(64 * 1024 * (2 + seconds) * 1.1);
    expect(received).toBeLessThan(sent);
    expect(received).toBeGreaterThan(0);
    ws.close();
    watcher.close();
  });
});
