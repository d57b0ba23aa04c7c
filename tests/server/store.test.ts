import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { openPostgresStore } from "../../server/store/postgres";
import { openSqliteStore } from "../../server/store/sqlite";
import type { DocumentWrite, NewToken, Store } from "../../server/store/store";
import { foldContent } from "../../server/sync/persistence";
import { type Engine, startPostgres } from "../support/engines";

/** The same storage tests against both stores: the embedded SQLite file and PostgreSQL. */
let postgres: (Engine & { createDatabase: (name: string) => Promise<string> }) | null = null;
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

const kinds: [string, () => Promise<Store>][] = [
  ["sqlite", async () => openSqliteStore(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-store-")))],
  [
    "postgres",
    async () => openPostgresStore(await (postgres as NonNullable<typeof postgres>).createDatabase(`s${++databases}`)),
  ],
];

function token(docId: string, id: string, role: NewToken["role"] = "owner"): NewToken {
  return { id, docId, hash: `hash-${id}`, role, label: `label ${id}`, createdAt: 1000 };
}

function update(ydoc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const on = (u: Uint8Array) => parts.push(u);
  ydoc.on("update", on);
  ydoc.transact(() => change(ydoc));
  ydoc.off("update", on);
  return Y.mergeUpdates(parts);
}

function write(docId: string, updates: Uint8Array[], at = 120_000): DocumentWrite {
  return {
    docId,
    updates,
    activity: updates.map(() => ({ actor: "山田", nodes: 1, flows: 0, other: 0 })),
    title: "題名",
    jimuName: "事務",
    at,
  };
}

function rebuild(content: { snapshot: Uint8Array | null; updates: { data: Uint8Array }[] }): Y.Doc {
  const d = new Y.Doc();
  if (content.snapshot) Y.applyUpdate(d, content.snapshot);
  for (const u of content.updates) Y.applyUpdate(d, u.data);
  return d;
}

describe.each(kinds)("store: %s", (_kind, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  test("a document with its owner link; trash and purge take everything with them", async () => {
    const src = new Y.Doc();
    src.getMap("nagare").set("title", "初め");
    await store.createDocument(
      { id: "d1", title: "初め", jimuName: "", createdAt: 5 },
      Y.encodeStateAsUpdate(src),
      token("d1", "t1"),
    );
    expect(await store.getDocument("d1")).toMatchObject({ id: "d1", title: "初め", created_at: 5, deleted_at: null });
    expect((await store.tokenByHash("hash-t1"))?.role).toBe("owner");
    const content = await store.loadContent("d1");
    expect(rebuild(content).getMap("nagare").get("title")).toBe("初め");
    expect(content.updates).toEqual([]);
    expect(await store.setDeleted("d1", 10)).toBe(true);
    expect(await store.setDeleted("nope", 10)).toBe(false);
    expect(await store.purgeDeleted(9)).toEqual([]);
    expect(await store.purgeDeleted(11)).toEqual(["d1"]);
    expect(await store.getDocument("d1")).toBeUndefined();
    expect(await store.tokenByHash("hash-t1")).toBeUndefined();
  });

  test("review links are stored beside the other roles; an unknown role is refused by the database", async () => {
    await store.createDocument(
      { id: "dr", title: "", jimuName: "", createdAt: 1 },
      new Uint8Array([0, 0]),
      token("dr", "tr"),
    );
    await store.insertToken(token("dr", "tr-review", "review"));
    expect((await store.tokenByHash("hash-tr-review"))?.role).toBe("review");
    await expect(store.insertToken(token("dr", "tr-bad", "bogus" as NewToken["role"]))).rejects.toThrow();
  });

  test("ended access: documents in the trash or gone, links revoked or gone; live ones are not named", async () => {
    for (const id of ["da", "db"])
      await store.createDocument(
        { id, title: "", jimuName: "", createdAt: 1 },
        new Uint8Array([0, 0]),
        token(id, `o-${id}`),
      );
    await store.insertToken(token("da", "e-da", "edit"));
    expect(await store.accessEnded(["da", "db"], ["o-da", "e-da"])).toEqual({ docs: new Set(), tokens: new Set() });
    await store.revokeToken("da", "e-da", 5);
    await store.setDeleted("db", 5);
    expect(await store.accessEnded(["da", "db", "none"], ["o-da", "e-da", "o-db", "t-none"])).toEqual({
      docs: new Set(["db", "none"]),
      tokens: new Set(["e-da", "t-none"]),
    });
    expect(await store.accessEnded([], [])).toEqual({ docs: new Set(), tokens: new Set() });
  });

  test("updates get increasing numbers per document; content after a number; all or nothing", async () => {
    const ydoc = new Y.Doc();
    await store.createDocument(
      { id: "d2", title: "", jimuName: "", createdAt: 1 },
      Y.encodeStateAsUpdate(ydoc),
      token("d2", "t2"),
    );
    await store.createDocument(
      { id: "d3", title: "", jimuName: "", createdAt: 1 },
      Y.encodeStateAsUpdate(ydoc),
      token("d3", "t3"),
    );
    const u1 = update(ydoc, (d) => d.getMap("nagare").set("a", 1));
    const u2 = update(ydoc, (d) => d.getMap("nagare").set("b", 2));
    const [r2, r3] = await store.appendUpdates([write("d2", [u1, u2]), write("d3", [u1])]);
    expect(r2?.docId).toBe("d2");
    expect(r2?.seqs).toHaveLength(2);
    expect(r2?.seqs[1]).toBeGreaterThan(r2?.seqs[0] as number);
    expect(r3?.docId).toBe("d3");
    const before = (await store.loadContent("d2")).lastSeq;
    expect(before).toBe(r2?.seqs[1]);
    const u3 = update(ydoc, (d) => d.getMap("nagare").set("c", 3));
    const [again] = await store.appendUpdates([write("d2", [u3])]);
    expect(again?.previousSeq).toBe(before);
    const after = await store.contentAfter("d2", before);
    expect(after.snapshot).toBeNull();
    expect(after.updates.map((u) => u.seq)).toEqual(again?.seqs);
    expect((await store.getDocument("d2"))?.title).toBe("題名");
    // A write naming a document that does not exist fails as a whole: nothing of the batch is kept.
    const u4 = update(ydoc, (d) => d.getMap("nagare").set("d", 4));
    await expect(store.appendUpdates([write("d2", [u4]), write("missing", [u4])])).rejects.toThrow();
    expect((await store.loadContent("d2")).lastSeq).toBe(again?.seqs[0]);
    expect(
      rebuild(await store.loadContent("d2"))
        .getMap("nagare")
        .toJSON(),
    ).toEqual({ a: 1, b: 2, c: 3 });
    // Activity is counted per minute and actor.
    const activity = await store.activityOf("d2", 10);
    expect(activity).toEqual([{ minute: 2, actor: "山田", nodes: 3, flows: 0, other: 0 }]);
  });

  test("compaction folds what is stored, keeps what comes later, and catch-up starts over after it", async () => {
    const ydoc = new Y.Doc();
    await store.createDocument(
      { id: "d4", title: "", jimuName: "", createdAt: 1 },
      Y.encodeStateAsUpdate(ydoc),
      token("d4", "t4"),
    );
    const seen = await store.loadContent("d4");
    for (let i = 0; i < 5; i++)
      await store.appendUpdates([write("d4", [update(ydoc, (d) => d.getMap("nagare").set(`k${i}`, i))])]);
    // An update stored while the fold runs (another instance writing) is kept.
    const r = await store.compact("d4", (content) => {
      expect(content.updates).toHaveLength(5);
      return foldContent("d4")(content);
    });
    expect(r?.bytes).toBeGreaterThan(0);
    const [lateWrite] = await store.appendUpdates([
      write("d4", [update(ydoc, (d) => d.getMap("nagare").set("late", 1))]),
    ]);
    const late = lateWrite?.seqs ?? [];
    const content = await store.loadContent("d4");
    expect(content.updates.map((u) => u.seq)).toEqual(late);
    expect(content.snapshotSeq).toBeLessThan(late[0] as number);
    expect(rebuild(content).getMap("nagare").toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, late: 1 });
    // Someone who last saw the state before the compaction gets the whole content again.
    const catchUp = await store.contentAfter("d4", seen.lastSeq);
    expect(catchUp.snapshot).not.toBeNull();
    expect(rebuild(catchUp).getMap("nagare").toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, late: 1 });
    // Nothing to fold: the snapshot stays as is.
    await store.compact("d4", foldContent("d4"));
    expect(
      await store.compact("d4", () => {
        throw new Error("nothing to fold");
      }),
    ).toEqual({ bytes: expect.any(Number) });
  });

  test("compaction takes a known state as the fold only when it is of the last stored update", async () => {
    const ydoc = new Y.Doc();
    await store.createDocument(
      { id: "d7", title: "", jimuName: "", createdAt: 1 },
      Y.encodeStateAsUpdate(ydoc),
      token("d7", "t7"),
    );
    const seqs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [r] = await store.appendUpdates([write("d7", [update(ydoc, (d) => d.getMap("nagare").set(`k${i}`, i))])]);
      seqs.push(...(r?.seqs ?? []));
    }
    // As the room folds: the known state if the stored content ends where it does, else the stored content.
    const foldWith = (known: { seq: number; state: Uint8Array }) =>
      store.compact("d7", (c) => (c.lastSeq === known.seq ? known.state : foldContent("d7")(c)), known);
    // Known at an earlier number (an update was stored since): not taken.
    await foldWith({ seq: seqs[1] as number, state: Y.encodeStateAsUpdate(new Y.Doc()) });
    let content = await store.loadContent("d7");
    expect(content.updates).toEqual([]);
    expect(content.snapshotSeq).toBe(seqs[2]);
    expect(rebuild(content).getMap("nagare").toJSON()).toEqual({ k0: 0, k1: 1, k2: 2 });
    // Known at the last number: taken as it is, the updates it holds are dropped.
    const [r] = await store.appendUpdates([write("d7", [update(ydoc, (d) => d.getMap("nagare").set("k3", 3))])]);
    const last = r?.seqs.at(-1) as number;
    const state = Y.encodeStateAsUpdate(ydoc);
    expect(await foldWith({ seq: last, state })).toEqual({ bytes: state.length });
    content = await store.loadContent("d7");
    expect(content.updates).toEqual([]);
    expect(content.snapshotSeq).toBe(last);
    expect(content.snapshot).toEqual(state);
  });

  test("compactions running while others write (as several instances do) lose no update", async () => {
    const ydoc = new Y.Doc();
    await store.createDocument(
      { id: "d6", title: "", jimuName: "", createdAt: 1 },
      Y.encodeStateAsUpdate(ydoc),
      token("d6", "t6"),
    );
    // Three clients, each writing its own changes in order (as each depends on its previous ones).
    const writers = [0, 1, 2].map(async (w) => {
      const client = new Y.Doc();
      for (let i = 0; i < 20; i++)
        await store.appendUpdates([write("d6", [update(client, (d) => d.getMap("nagare").set(`k${w}-${i}`, i))])]);
    });
    let compactions = 0;
    let done = false;
    const compactor = (async () => {
      while (!done) {
        const folded = await Promise.all([
          store.compact("d6", foldContent("d6")),
          store.compact("d6", foldContent("d6")),
        ]);
        compactions += folded.filter((f) => f !== null).length;
        // A turn of the event loop between rounds: the SQLite store settles at once, and the writers wait
        // for their flush of the write-ahead log (I/O), which a loop of promises alone would never let in.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(writers);
    done = true;
    await compactor;
    expect(compactions).toBeGreaterThan(0);
    const content = await store.loadContent("d6");
    expect(Object.keys(rebuild(content).getMap("nagare").toJSON())).toHaveLength(60);
    // The numbers of one document are committed in order: what is left follows the snapshot.
    for (const u of content.updates) expect(u.seq).toBeGreaterThan(content.snapshotSeq);
  });

  test("links, versions and organisation templates", async () => {
    await store.createDocument(
      { id: "d5", title: "", jimuName: "", createdAt: 1 },
      new Uint8Array([0, 0]),
      token("d5", "o5"),
    );
    await store.insertToken(token("d5", "v5", "view"));
    expect((await store.tokensOf("d5")).map((t) => [t.id, t.role, t.revoked_at])).toEqual([
      ["o5", "owner", null],
      ["v5", "view", null],
    ]);
    expect(await store.revokeToken("d5", "v5", 77)).toBe(true);
    expect(await store.revokeToken("d5", "v5", 78)).toBe(false);
    expect(await store.revokeToken("other", "o5", 78)).toBe(false);
    expect((await store.tokenByHash("hash-v5"))?.revoked_at).toBe(77);

    const row = { doc_id: "d5", created_by: "佐藤", nodes: 2, flows: 1 };
    await store.insertVersion({ ...row, id: "a", name: "初版", created_at: 10 }, new Uint8Array([1, 2, 3]));
    await store.insertVersion({ ...row, id: "b", name: "第2版", created_at: 10 }, new Uint8Array([4]));
    expect((await store.versionsOf("d5")).map((v) => v.name)).toEqual(["第2版", "初版"]);
    expect(await store.versionState("d5", "a")).toEqual({ state: new Uint8Array([1, 2, 3]), name: "初版" });
    expect(await store.versionState("other", "a")).toBeUndefined();

    await store.ping();
  });

  test("organisation templates, owner keys and the append-only audit log", async () => {
    const o = store.owners;
    const t = {
      organization: "市",
      kind: "full",
      jimuName: "事務",
      nodes: 3,
      flows: 2,
      docId: "d5",
      publishedBy: "o5",
    };
    await o.publishTemplate({ ...t, id: "x", title: "ひな形1", createdAt: 1, updatedAt: 1 }, "{body1}");
    await o.publishTemplate({ ...t, id: "y", title: "ひな形2", createdAt: 2, updatedAt: 2 }, "{body2}");
    expect((await o.listTemplates()).map((r) => [r.id, r.title, r.nodes])).toEqual([
      ["y", "ひな形2", 3],
      ["x", "ひな形1", 3],
    ]);
    expect(await o.templateBody("x")).toBe("{body1}");
    expect(await o.templateBody("none")).toBeUndefined();
    expect(await o.renameTemplate("x", "改名", 5)).toBe(true);
    expect(await o.getTemplate("x")).toMatchObject({ title: "改名", updatedAt: 5, docId: "d5", publishedBy: "o5" });
    expect(await o.deleteTemplate("y")).toBe(true);
    expect((await o.templatesOf("d5")).map((r) => r.id)).toEqual(["x"]);

    await o.createKey("k1", "keyhash", 3);
    await o.attachDocument("k1", "d5", 4);
    await o.attachDocument("k1", "d5", 4);
    expect(await o.documentsOfKey("k1")).toEqual([{ docId: "d5", addedAt: 4 }]);
    expect((await o.documentOverview()).find((d) => d.id === "d5")).toMatchObject({
      keys: 1,
      deletedAt: null,
      bytes: 2,
      versions: 2,
      links: { owner: 1, edit: 0, view: 0 },
    });
    expect(await o.detachDocument("k1", "d5")).toBe(true);
    await o.revokeKey("k1", 9);
    expect(await o.keyByHash("keyhash")).toEqual({ id: "k1", createdAt: 3, revokedAt: 9 });

    const entry = { docId: "d5", role: "owner" as const, linkId: "o5", address: null, target: null, detail: null };
    await o.appendAudit({ ...entry, at: 10, event: "share" });
    await o.appendAudit({ ...entry, at: 20, event: "delete" });
    expect((await o.readAudit({ docId: "d5" })).map((e) => e.event)).toEqual(["share", "delete"]);
    expect((await o.readAudit({ event: "delete", since: 15 })).map((e) => e.at)).toEqual([20]);
  });
});

describe("store: sqlite durability of edits", () => {
  const fresh = async (sync: "FULL" | "NORMAL") => {
    const store = openSqliteStore(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-store-sync-")), sync);
    const ydoc = new Y.Doc();
    await store.createDocument(
      { id: "s1", title: "", jimuName: "", createdAt: 1 },
      Y.encodeStateAsUpdate(ydoc),
      token("s1", "ts1"),
    );
    return { store, u: update(ydoc, (d) => d.getMap("nagare").set("a", 1)) };
  };

  test("with FULL, appendUpdates resolves only after the write-ahead log is flushed; other writes keep their own fsync", async () => {
    const { store, u } = await fresh("FULL");
    const flushed: string[] = [];
    const real = fs.fdatasync;
    // A spy that calls through: which file was flushed, and that the promise waited for the callback.
    const spy = (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      const file = fs.readlinkSync(`/proc/self/fd/${fd}`);
      real(fd, (e) => {
        flushed.push(file);
        cb(e);
      });
    };
    (fs as { fdatasync: unknown }).fdatasync = spy;
    try {
      const [r] = await store.appendUpdates([write("s1", [u])]);
      expect(flushed).toEqual([`${store.location}-wal`]);
      expect((await store.contentAfter("s1", 0)).updates.map((x) => x.seq)).toEqual(r?.seqs);
      expect(store.raw.pragma("synchronous", { simple: true })).toBe(2); // FULL
    } finally {
      fs.fdatasync = real;
      await store.close();
    }
  });

  test("with NORMAL, no flush of its own (a power loss may lose recent edits, as documented)", async () => {
    const { store, u } = await fresh("NORMAL");
    const real = fs.fdatasync;
    let calls = 0;
    (fs as { fdatasync: unknown }).fdatasync = (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      calls++;
      real(fd, cb);
    };
    try {
      await store.appendUpdates([write("s1", [u])]);
      expect(calls).toBe(0);
      expect(store.raw.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    } finally {
      fs.fdatasync = real;
      await store.close();
    }
  });
});
