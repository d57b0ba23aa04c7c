import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import type * as Y from "yjs";
import { collection } from "../../src/sync/doc-shape";
import { addNode, api, connectClient, createDoc, nodeIds, storedModel, synced } from "../server/support";
import { startServer } from "../support/server";

/** Damage to the database file itself (bytes on disk), not through SQL. */
async function threeDocuments() {
  const s = await startServer({ env: { COMPACT_EVERY: "1" }, store: "sqlite" });
  const docs = [];
  for (const name of ["A", "B", "C"]) {
    const d = await createDoc(s.url, { title: `文書${name}` });
    const c = connectClient(s.url, d.id, d.token);
    await synced(c);
    addNode(c.ydoc, `n-${name}`, `ノード${name}`);
    // A long, recognisable text so that the document's bytes can be found in the file.
    (collection(c.ydoc, "nodes").get(`n-${name}`) as Y.Map<unknown>).set("note", `MARK-${name}-`.repeat(400));
    await storedModel(s.url, d, (m) => m.nodes[0]?.note?.startsWith(`MARK-${name}-`), `document ${name} stored`);
    c.close();
    docs.push(d);
  }
  await s.stop(); // graceful: compacted and checkpointed into the main file
  return { dataDir: s.dataDir, docs };
}

test("bytes of one document's content overwritten on disk: that document answers 503 damaged, the others open", async () => {
  const { dataDir, docs } = await threeDocuments();
  const file = path.join(dataDir, "nagare.sqlite");
  const bytes = fs.readFileSync(file);
  expect(bytes.indexOf("MARK-A-")).toBeGreaterThan(0);
  // Garbage over the Yjs encoding just before the text (its length and struct headers). The text can be in
  // the file more than once (a stored update and the snapshot, or a page freed by compaction), so every
  // copy is damaged: otherwise the test depends on which one the server happens to read.
  const mark = Buffer.from("MARK-B-");
  let damaged = 0;
  for (let at = bytes.indexOf(mark); at > 0; at = bytes.indexOf(mark, at + mark.length)) {
    const runStart = at < mark.length || !bytes.subarray(at - mark.length, at).equals(mark);
    if (!runStart) continue;
    bytes.fill(0xff, at - 40, at + 8);
    damaged++;
  }
  expect(damaged).toBeGreaterThan(0);
  fs.writeFileSync(file, bytes);
  const s = await startServer({ dataDir, store: "sqlite" });
  try {
    const [a, b, c] = docs as [(typeof docs)[0], (typeof docs)[0], (typeof docs)[0]];
    const broken = await api(s.url, `/api/documents/${b.id}/model`, { token: b.token });
    expect(broken.status).toBe(503);
    expect(broken.body.error.code).toBe("damaged");
    expect(broken.body.error.ja).toBeTruthy();
    expect(broken.body.error.en).toBeTruthy();
    expect(s.output()).toContain(b.id); // reported in the log for the operator
    for (const d of [a, c]) {
      const ok = await api(s.url, `/api/documents/${d.id}/model`, { token: d.token });
      expect(ok.status).toBe(200);
      const cl = connectClient(s.url, d.id, d.token);
      await synced(cl);
      expect(nodeIds(cl.ydoc)).toHaveLength(1);
      cl.close();
    }
  } finally {
    await s.stop();
  }
});

test("a damaged page of the database structure is detected at start and reported in both languages", async () => {
  const { dataDir } = await threeDocuments();
  const file = path.join(dataDir, "nagare.sqlite");
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  expect(pages).toBeGreaterThan(3);
  // Page 2 onwards: b-tree pages; a garbage page header breaks the structure quick_check walks.
  bytes.fill(0xa5, pageSize, pageSize + 64);
  fs.writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("データベースファイルが壊れている");
  expect(r.stderr).toContain("restore it from a backup");
});
