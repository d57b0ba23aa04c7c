import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { openSqliteStore } from "../../server/store/sqlite";

test("a SQLite file from before review links is migrated: its links stay, review links can be made", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-review-mig-"));
  const first = openSqliteStore(dir);
  await first.createDocument({ id: "d", title: "", jimuName: "", createdAt: 1 }, new Uint8Array([0, 0]), {
    id: "own",
    docId: "d",
    hash: "hash-own",
    role: "owner",
    label: "",
    createdAt: 1,
  });
  await first.close();
  // Put the file back to how the previous release left it: the old CHECK, schema step 2.
  const db = new Database(path.join(dir, "nagare.sqlite"));
  db.exec(`
    CREATE TABLE old_tokens (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL CHECK (role IN ('owner','edit','view')),
      label TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, revoked_at INTEGER);
    INSERT INTO old_tokens SELECT * FROM tokens; DROP TABLE tokens; ALTER TABLE old_tokens RENAME TO tokens;
    CREATE INDEX tokens_doc ON tokens(doc_id);
  `);
  db.pragma("user_version = 2");
  expect(() => db.prepare("INSERT INTO tokens VALUES ('x','d','h','review','',1,NULL)").run()).toThrow(/CHECK/);
  db.close();

  const store = openSqliteStore(dir);
  try {
    expect((await store.tokenByHash("hash-own"))?.role).toBe("owner");
    await store.insertToken({ id: "rev", docId: "d", hash: "hash-rev", role: "review", label: "審議会", createdAt: 2 });
    expect((await store.tokensOf("d")).map((t) => t.role).sort()).toEqual(["owner", "review"]);
  } finally {
    await store.close();
  }
});
