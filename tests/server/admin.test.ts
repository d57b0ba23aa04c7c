import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { runAdmin } from "../../server/admin/main";
import { CURRENT_SCHEMA_VERSION, loadDocumentText } from "../../src/model";
import { collection } from "../../src/sync/doc-shape";
import { liveServer } from "../support/live";
import { openStored } from "../support/stored";
import { addFlow, addNode, api, type Created, connectClient, createDoc, share, storedModel, synced } from "./support";

/**
 * The operator's commands against the store of a running server (its SQLite file, or its PostgreSQL
 * database with NAGARE_TEST_STORE=postgres): in-process for each command, and one spawned run of each
 * through the compiled build (what `npm run -s admin` runs). `backup` is the SQLite file's own.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "0" } });
const storeEnv = () => ({ DATA_DIR: env.server.dataDir, DATABASE_URL: env.server.databaseUrl });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-admin-"));

async function admin(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runAdmin(argv, { out: (s) => (out += s), err: (s) => (err += s) }, storeEnv());
  return { code, out, err };
}

let drawn: Created;
let trashed: Created;
let edit: Created;

beforeAll(async () => {
  drawn = await createDoc(env.server.url, { title: "運用の事務", jimuName: "住民基本台帳に関する事務" });
  edit = await share(env.server.url, drawn, "edit", "委託先");
  const c = connectClient(env.server.url, drawn.id, drawn.token);
  await synced(c);
  addNode(c.ydoc, "n1", "窓口");
  addNode(c.ydoc, "n2", "システム");
  addFlow(c.ydoc, "f1", "n1", "n2");
  await storedModel(env.server.url, drawn, (m) => m.flows?.length === 1, "the drawing to be stored");
  c.close();
  await api(env.server.url, "/api/owner/keys", { body: { documents: [{ id: drawn.id, token: drawn.token }] } });
  trashed = await createDoc(env.server.url, { title: "捨てた文書" });
  await api(env.server.url, `/api/documents/${trashed.id}`, { method: "DELETE", token: trashed.token });
});

describe("admin commands beside the running server", () => {
  test("list: documents with size, links, keys, last activity; trashed ones marked", async () => {
    const r = await admin("list");
    expect(r.code).toBe(0);
    const line = r.out.split("\n").find((l) => l.startsWith(drawn.id)) ?? "";
    expect(line).toContain("運用の事務（住民基本台帳に関する事務）");
    expect(line).toContain("1/1/0");
    expect(r.out.split("\n").find((l) => l.startsWith(trashed.id))).toContain("ごみ箱 trash");
    const json = JSON.parse((await admin("list", "--json")).out);
    const d = json.find((x: { id: string }) => x.id === drawn.id);
    expect(d).toMatchObject({ keys: 1, links: { owner: 1, edit: 1, view: 0 }, deletedAt: null });
    expect(d.bytes).toBeGreaterThan(100);
  });

  test("new-owner-link: a working owner link, shown once, recorded without its token", async () => {
    const r = await admin("new-owner-link", drawn.id, "--label", "後任 山田", "--url", "https://nagare.example/");
    expect(r.code).toBe(0);
    const m = /^https:\/\/nagare\.example\/d\/([A-Za-z0-9_-]+)#t=([A-Za-z0-9_-]+)&role=owner$/.exec(r.out.trim());
    expect(m?.[1]).toBe(drawn.id);
    const token = m?.[2] as string;
    const shares = await api(env.server.url, `/api/documents/${drawn.id}/shares`, { token });
    expect(shares.status).toBe(200);
    expect(shares.body.shares.map((s: { label: string }) => s.label)).toContain("後任 山田");
    const log = await admin("audit", "--doc", drawn.id, "--event", "admin.owner-link");
    expect(log.out).toContain("admin.owner-link");
    expect(log.out).not.toContain(token);
    expect((await admin("new-owner-link", "nope")).code).toBe(1);
    expect((await admin("new-owner-link")).code).toBe(2);
  });

  test("export-all: every document as the file its download gives, and an index", async () => {
    const dir = path.join(tmp, "export");
    const r = await admin("export-all", dir);
    expect(r.code).toBe(0);
    const index = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8"));
    const ids = index.documents.map((d: { id: string }) => d.id);
    expect(ids).toContain(drawn.id);
    expect(ids).not.toContain(trashed.id);
    const file = index.documents.find((d: { id: string }) => d.id === drawn.id).file as string;
    expect(file).toContain("運用の事務");
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const loaded = loadDocumentText(text);
    expect(loaded.ok).toBe(true);
    const download = await fetch(`${env.server.url}/api/documents/${drawn.id}/model`, {
      headers: { authorization: `Bearer ${edit.token}` },
    });
    expect(text).toBe(await download.text());
    const all = await admin("export-all", path.join(tmp, "all"), "--include-trash");
    expect(all.out).toMatch(/(\d+) 件/);
    expect(fs.readdirSync(path.join(tmp, "all")).some((f) => f.startsWith(trashed.id))).toBe(true);
  });

  test("export-all: a document stored under the previous schema and not opened since is exported migrated", async () => {
    const doc = await createDoc(env.server.url, { title: "旧版の文書" });
    const db = await openStored(env.server);
    try {
      const [snap] = await db.rows<{ state: Buffer }>("SELECT state FROM doc_snapshots WHERE doc_id = ?", doc.id);
      if (!snap) throw new Error("no stored snapshot");
      const old = new Y.Doc();
      Y.applyUpdate(old, snap.state);
      old.transact(() => {
        old.getMap("nagare").set("schemaVersion", CURRENT_SCHEMA_VERSION - 1);
        const file = new Y.Map<unknown>();
        file.set("id", "file1");
        file.set("name", "国民年金ファイル");
        file.set("note", "旧様式の備考");
        collection(old, "files").set("file1", file);
        // One element no version accepts: the document is read element by element, and still migrated.
        const bad = new Y.Map<unknown>();
        bad.set("id", "bad");
        bad.set("kind", "ufo");
        collection(old, "nodes").set("bad", bad);
      });
      const state = Buffer.from(Y.encodeStateAsUpdate(old));
      await db.run("UPDATE doc_snapshots SET state = ?, bytes = ? WHERE doc_id = ?", state, state.length, doc.id);
    } finally {
      await db.close();
    }
    const dir = path.join(tmp, "migrated");
    const r = await admin("export-all", dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${doc.id}: 読めない要素 1 件`);
    const file = fs.readdirSync(dir).find((f) => f.startsWith(doc.id)) as string;
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const loaded = loadDocumentText(text);
    expect(loaded.ok && loaded.doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(loaded.ok && loaded.migratedFrom).toBeFalsy();
    // The old Ⅱ7 備考 (`note`) is where the current version keeps it (`remarks`), not an internal note.
    const exported = loaded.ok ? loaded.doc.files.find((f) => f.id === "file1") : undefined;
    expect(exported).toMatchObject({ remarks: "旧様式の備考" });
    expect(exported?.note ?? "").toBe("");
  });

  test("backup: a consistent copy while the server writes; an existing file is kept unless --force", async () => {
    const file = path.join(tmp, "backup", "nagare-backup.sqlite");
    if (env.server.databaseUrl) {
      // PostgreSQL is backed up with its own tools: the command says so and writes nothing.
      const r = await admin("backup", file);
      expect(r.code).toBe(1);
      expect(r.err).toContain("pg_dump");
      expect(fs.existsSync(file)).toBe(false);
      return;
    }
    const writes = Promise.all(Array.from({ length: 5 }, (_, i) => createDoc(env.server.url, { title: `並行 ${i}` })));
    const r = await admin("backup", file);
    await writes;
    expect(r.code).toBe(0);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      const titles = (copy.prepare("SELECT title FROM documents").all() as { title: string }[]).map((t) => t.title);
      expect(titles).toContain("運用の事務");
    } finally {
      copy.close();
    }
    expect((await admin("backup", file)).code).toBe(1);
    expect((await admin("backup", file, "--force")).code).toBe(0);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes(".partial"))).toEqual([]);
  });

  test("audit: filters by document, event and date; JSON; bad filters are usage errors", async () => {
    const byDoc = await admin("audit", "--doc", drawn.id);
    expect(byDoc.code).toBe(0);
    const events = byDoc.out
      .trim()
      .split("\n")
      .map((l) => l.split("\t")[1]);
    expect(events[0]).toBe("document.create");
    expect(events).toEqual(expect.arrayContaining(["link.create", "export.model", "key.attach", "admin.owner-link"]));
    expect(byDoc.out).toContain(`owner:${drawn.shareId}`);
    expect(byDoc.out).toContain(`${edit.shareId}\tedit 委託先`);
    const deletes = JSON.parse((await admin("audit", "--event", "document.delete", "--json")).out);
    expect(deletes.map((e: { docId: string }) => e.docId)).toEqual([trashed.id]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(tomorrow.getDate()).padStart(2, "0")}`;
    expect((await admin("audit", "--since", day)).out).toBe("");
    expect((await admin("audit", "--until", "2000-01-01")).out).toBe("");
    expect((await admin("audit", "--event", "nothing")).code).toBe(2);
    expect((await admin("audit", "--since", "昨日")).code).toBe(2);
  });

  test("templates and delete-template; unknown commands and data directories are refused", async () => {
    const published = await api(env.server.url, "/api/templates", {
      token: drawn.token,
      body: { documentId: drawn.id, title: "運用ひな形" },
    });
    const listed = await admin("templates");
    expect(listed.out).toContain(`${published.body.id}\t`);
    expect(listed.out).toContain(drawn.shareId);
    expect((await admin("delete-template", published.body.id)).code).toBe(0);
    expect((await admin("templates")).out).not.toContain(published.body.id);
    expect((await admin("delete-template", published.body.id)).code).toBe(1);
    expect((await admin("frobnicate")).code).toBe(2);
    expect((await admin("help")).out).toContain("new-owner-link");
    const missing = await runAdmin(["list"], { out: () => {}, err: () => {} }, { DATA_DIR: path.join(tmp, "none") });
    expect(missing).toBe(1);
    expect(fs.existsSync(path.join(tmp, "none"))).toBe(false);
  });
});

describe("the compiled admin commands", () => {
  test("each runs as a process against the data directory (spawned once each)", async () => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs"), "server", "--if-needed"], { cwd: ROOT });
    const run = promisify(execFile);
    const cmd = (...args: string[]) =>
      run(process.execPath, [path.join(ROOT, "build/admin.mjs"), ...args], {
        env: { ...process.env, ...storeEnv() },
      });
    expect((await cmd("list")).stdout).toContain(drawn.id);
    expect((await cmd("new-owner-link", drawn.id)).stdout).toMatch(new RegExp(`^/d/${drawn.id}#t=`));
    await cmd("export-all", path.join(tmp, "spawned"));
    expect(fs.existsSync(path.join(tmp, "spawned", "index.json"))).toBe(true);
    if (!env.server.databaseUrl) {
      await cmd("backup", path.join(tmp, "spawned.sqlite"));
      expect(fs.statSync(path.join(tmp, "spawned.sqlite")).size).toBeGreaterThan(0);
    }
    const audit = (await cmd("audit", "--event", env.server.databaseUrl ? "admin.owner-link" : "admin.backup")).stdout;
    expect(audit).toContain(env.server.databaseUrl ? "admin.owner-link" : "admin.backup");
    if (!env.server.databaseUrl) expect(audit).toContain("spawned.sqlite");
  }, 120_000);
});
