import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type * as Y from "yjs";
import { loadDocumentValue } from "../../src/model";
import { collection, readModelTolerant } from "../../src/sync/doc-shape";
import { addNode, api, connectClient, createDoc, nodeIds, storedModel, synced, waitFor } from "../server/support";
import { startServer } from "../support/server";
import { mountSmallDisk, type SmallDisk } from "./mount";

/** Storage faults on a real, small filesystem (tmpfs) that the test fills up. */
let disk: SmallDisk;
beforeAll(() => {
  disk = mountSmallDisk(4);
});
afterAll(() => {
  disk?.unmount();
});

describe("a full disk", () => {
  test("while running: the sender is told and closed, nobody receives the unstored edit, the stored document is intact after a restart", async () => {
    const dataDir = path.join(disk.dir, "data");
    let server = await startServer({ dataDir, store: "sqlite" });
    try {
      const doc = await createDoc(server.url, { title: "満杯" });
      const a = connectClient(server.url, doc.id, doc.token);
      const b = connectClient(server.url, doc.id, doc.token);
      await synced(a, b);
      for (let i = 0; i < 5; i++) addNode(a.ydoc, `ok${i}`, `確定 ${i}`, i * 10, 0);
      await waitFor(() => nodeIds(b.ydoc).length === 5, 5_000, "confirmed edits reach b");

      expect(disk.fill()).toBeGreaterThan(0);
      // Larger than anything the write-ahead log already holds, so storing it needs new space.
      addNode(a.ydoc, "lost", "保存できない");
      (collection(a.ydoc, "nodes").get("lost") as Y.Map<unknown>).set("note", "満".repeat(300_000));
      await waitFor(() => a.conn.notice()?.code === "storage_failed", 10_000, "a is told").catch((e) => {
        throw new Error(
          `${e.message}; notice=${JSON.stringify(a.conn.notice())} status=${a.conn.status()}\n${server.output()}`,
        );
      });
      expect(a.conn.notice()?.ja).toContain("保存に失敗");
      expect(a.conn.notice()?.en).toContain("could not store");
      // Read once the server's copy is rebuilt from what was stored: the refused change was never relayed.
      expect((await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token })).status).toBe(200);
      expect(nodeIds(b.ydoc)).not.toContain("lost");
      expect(b.conn.status()).toBe("connected");
      expect(server.output()).toContain("storing updates failed");
      // HTTP writes while the disk is full: refused with a message, nothing half-done.
      for (const [method, p, body] of [
        ["PATCH", `/api/documents/${doc.id}`, { title: "改名" }],
        ["POST", `/api/documents/${doc.id}/versions`, { name: "満杯中" }],
        ["POST", "/api/documents", { title: "新規" }],
        ["POST", `/api/documents/${doc.id}/duplicate`, {}],
      ] as const) {
        const r = await api(server.url, p, { method, token: doc.token, body });
        expect(r.status, `${method} ${p}: ${JSON.stringify(r.body)}`).toBe(503);
        expect(r.body.error.code).toBe("storage_failed");
        expect(r.body.error.ja).toContain("保存に失敗");
        expect(r.body.error.en).toBeTruthy();
      }
      expect((await api(server.url, `/api/documents/${doc.id}`, { token: doc.token })).body.title).toBe("満杯");
      expect((await api(server.url, `/api/documents/${doc.id}/versions`, { token: doc.token })).body.versions).toEqual(
        [],
      );
      // While the disk stays full, reads still work and show only stored edits.
      const during = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(during.status).toBe(200);
      expect(during.body.nodes.map((n: { id: string }) => n.id)).toEqual(["ok0", "ok1", "ok2", "ok3", "ok4"]);
      a.close();
      b.close();
      // The last client leaving triggers a compaction, which fails on the full disk: no crash.
      await waitFor(() => server.output().includes(`compacting ${doc.id} failed`), 10_000, "the compaction to fail");
      expect((await api(server.url, "/api/health")).status).toBe(200);
      expect(server.proc.exitCode).toBeNull();
      await server.stop("SIGKILL");

      disk.free();
      server = await startServer({ dataDir, store: "sqlite" });
      const fresh = connectClient(server.url, doc.id, doc.token);
      await synced(fresh);
      expect(nodeIds(fresh.ydoc)).toEqual(["ok0", "ok1", "ok2", "ok3", "ok4"]);
      const tolerant = readModelTolerant(fresh.ydoc);
      expect(tolerant.dropped).toEqual([]);
      const model = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.status).toBe(200);
      expect(loadDocumentValue(model.body).ok).toBe(true);
      expect(model.body.title).toBe("満杯");
      // And the document takes edits again.
      addNode(fresh.ydoc, "after", "復旧後");
      await storedModel(
        server.url,
        doc,
        (m) => m.nodes.some((n: { id: string }) => n.id === "after"),
        "the edit after recovery to be stored",
      );
      fresh.close();
    } finally {
      await server.stop();
      disk.free();
    }
  });

  test("at start: a clear message in both languages, no half-written database", () => {
    const dataDir = path.join(disk.dir, "fresh");
    fs.mkdirSync(dataDir);
    disk.fill();
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/起動できません/);
      expect(r.stderr).toMatch(/Cannot start/);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
      const db = path.join(dataDir, "nagare.sqlite");
      // Either nothing was created or what exists is empty (no half-written schema a later start trips on).
      if (fs.existsSync(db)) expect(fs.statSync(db).size).toBe(0);
    } finally {
      disk.free();
    }
  });

  test("a data directory that became read-only (existing documents): a clear message, the file untouched", async () => {
    const dataDir = path.join(disk.dir, "readonly");
    const s = await startServer({ dataDir, store: "sqlite" });
    const doc = await createDoc(s.url, { title: "読取専用" });
    await s.stop();
    const file = path.join(dataDir, "nagare.sqlite");
    const before = fs.readFileSync(file);
    expect(spawnSync("mount", ["-o", "remount,ro", disk.dir]).status).toBe(0);
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/起動できません: .*(書き込めません|読めません)/);
      expect(r.stderr).toMatch(/Cannot start: .*(not writable|unreadable)/);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      spawnSync("mount", ["-o", "remount,rw", disk.dir]);
    }
    const again = await startServer({ dataDir, store: "sqlite" });
    try {
      const info = await api(again.url, `/api/documents/${doc.id}`, { token: doc.token });
      expect(info.body.title).toBe("読取専用");
    } finally {
      await again.stop();
    }
  });
});
