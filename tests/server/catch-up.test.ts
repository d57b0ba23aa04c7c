import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import * as Y from "yjs";
import { configFromEnv } from "../../server/config";
import { openSqliteStore } from "../../server/store/sqlite";
import type { DocumentWrite } from "../../server/store/store";
import { decodeMessage } from "../../server/sync/protocol";
import { type Peer, Room } from "../../server/sync/room";
import { waitFor } from "./support";

/**
 * Several instances: a message "numbers prev+1…last are stored" that does not follow the last number an
 * instance holds means it missed some (lost on Redis); it reads them from the store before going on, and
 * its clients receive everything. The other instance is played by writing to the store directly.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-catchup-"));
const store = openSqliteStore(dir);
afterAll(() => store.close());

function peer(received: Y.Doc): Peer {
  return {
    role: "edit",
    tokenId: "t",
    label: "",
    participant: null,
    clientIds: new Set(),
    send: (data) => {
      const msg = decodeMessage(data);
      if (msg.kind === "update") Y.applyUpdate(received, msg.update);
    },
    notice: () => {},
    close: () => {},
  };
}

const write = (update: Uint8Array): DocumentWrite => ({
  docId: "d1",
  updates: [update],
  activity: [null],
  title: "",
  jimuName: "",
  at: Date.now(),
});

test("a gap in the numbers is filled from the store; numbers already held are ignored", async () => {
  await store.createDocument({ id: "d1", title: "", jimuName: "", createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()), {
    id: "t",
    docId: "d1",
    hash: "h",
    role: "owner",
    label: "",
    createdAt: 1,
  });
  const room = await Room.load("d1", store, configFromEnv({}), { schedule: () => {}, log: () => {} });
  const client = new Y.Doc();
  room.peers.add(peer(client));

  // Another instance stores three edits; only the message about the third arrives here.
  const elsewhere = new Y.Doc();
  const updates: Uint8Array[] = [];
  elsewhere.on("update", (u: Uint8Array) => updates.push(u));
  const seqs: number[] = [];
  for (const k of ["k1", "k2", "k3"]) {
    elsewhere.getMap("nagare").set(k, k);
    const [r] = await store.appendUpdates([write(updates.at(-1) as Uint8Array)]);
    seqs.push(r?.seqs[0] as number);
  }
  expect(room.seq).toBe(seqs[0]! - 1);
  room.receiveStored(seqs[1]!, seqs[2]!, updates[2]!);
  await waitFor(() => room.seq === seqs[2], 5_000, "catch-up from the store");
  expect(room.doc.getMap("nagare").toJSON()).toEqual({ k1: "k1", k2: "k2", k3: "k3" });
  expect(client.getMap("nagare").toJSON()).toEqual({ k1: "k1", k2: "k2", k3: "k3" });

  // A late or repeated message changes nothing; the next one in order is applied as it comes.
  room.receiveStored(seqs[0]! - 1, seqs[0]!, updates[0]!);
  expect(room.seq).toBe(seqs[2]);
  elsewhere.getMap("nagare").set("k4", "k4");
  const [r4] = await store.appendUpdates([write(updates.at(-1) as Uint8Array)]);
  room.receiveStored(seqs[2]!, r4?.seqs[0] as number, updates.at(-1) as Uint8Array);
  expect(room.seq).toBe(r4?.seqs[0]);
  expect(client.getMap("nagare").get("k4")).toBe("k4");
  room.destroy();
});
