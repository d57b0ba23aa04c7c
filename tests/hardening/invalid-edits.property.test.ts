import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { invalidElements } from "../../server/sync/validate";
import { loadDocumentValue } from "../../src/model";
import { collection, readModelTolerant } from "../../src/sync/doc-shape";
import {
  addFlow,
  addNode,
  api,
  type Created,
  connectClient,
  createDoc,
  sleep,
  stateOf,
  synced,
  waitFor,
} from "../server/support";
import { type RunningServer, startServer } from "../support/server";

/**
 * Random edit sequences through two real clients, mixing valid edits with invalid ones (random values
 * written into element maps, fields removed, flows to missing nodes). Whatever the mix, the server
 * stores only valid elements (a client sending an invalid one is refused), its stored document stays
 * loadable by the tolerant read with no dangling flows, the clients still connected end identical to
 * it, and the same holds after the server is killed and restarted.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const FIELDS = ["id", "kind", "label", "position", "source", "target", "note", "steps", "myNumber", "transport", "x"];
const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  // Plain objects (Yjs refuses the null-prototype objects fast-check makes).
  fc.record({ x: fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), y: fc.integer() }).map((o) => ({ ...o })),
  fc.constant("__ymap__"), // a nested Y.Map instead of a plain value
);

type Op =
  | { t: "add" }
  | { t: "delete"; pick: number }
  | { t: "flow"; from: number; to: number }
  | { t: "dangling" }
  | { t: "junk"; coll: "nodes" | "flows"; pick: number; field: string; value: unknown }
  | { t: "unset"; coll: "nodes" | "flows"; pick: number; field: string }
  | { t: "raw"; coll: "nodes" | "flows"; value: unknown }
  | { t: "pause" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ t: "add" as const }),
  fc.record({ t: fc.constant("delete" as const), pick: fc.nat(30) }),
  fc.record({ t: fc.constant("flow" as const), from: fc.nat(30), to: fc.nat(30) }),
  fc.constant({ t: "dangling" as const }),
  fc.record({
    t: fc.constant("junk" as const),
    coll: fc.constantFrom("nodes" as const, "flows" as const),
    pick: fc.nat(30),
    field: fc.constantFrom(...FIELDS),
    value: junk,
  }),
  fc.record({
    t: fc.constant("unset" as const),
    coll: fc.constantFrom("nodes" as const, "flows" as const),
    pick: fc.nat(30),
    field: fc.constantFrom(...FIELDS),
  }),
  // A collection entry that is not an element map at all.
  fc.record({ t: fc.constant("raw" as const), coll: fc.constantFrom("nodes" as const, "flows" as const), value: junk }),
  fc.constant({ t: "pause" as const }),
);

function apply(ydoc: Y.Doc, who: number, n: number, op: Op): void {
  const nodeIds = [...collection(ydoc, "nodes").keys()].sort();
  const pickIn = (coll: "nodes" | "flows", i: number) => {
    const ids = [...collection(ydoc, coll).keys()].sort();
    return ids.length ? (ids[i % ids.length] as string) : null;
  };
  const materialize = (v: unknown) => {
    if (v !== "__ymap__") return v;
    const m = new Y.Map<unknown>();
    m.set("z", 1);
    return m;
  };
  switch (op.t) {
    case "add":
      addNode(ydoc, `c${who}-n${n}`, `ノード ${who}/${n}`, n * 10, who * 50);
      break;
    case "delete": {
      const id = pickIn("nodes", op.pick);
      if (id) ydoc.transact(() => collection(ydoc, "nodes").delete(id));
      break;
    }
    case "flow":
      if (nodeIds.length)
        addFlow(
          ydoc,
          `c${who}-f${n}`,
          nodeIds[op.from % nodeIds.length] as string,
          nodeIds[op.to % nodeIds.length] as string,
        );
      break;
    case "dangling":
      addFlow(ydoc, `c${who}-d${n}`, "nowhere", `c${who}-missing`);
      break;
    case "junk": {
      const id = pickIn(op.coll, op.pick);
      const el = id ? collection(ydoc, op.coll).get(id) : null;
      if (el instanceof Y.Map) ydoc.transact(() => el.set(op.field, materialize(op.value)));
      break;
    }
    case "unset": {
      const id = pickIn(op.coll, op.pick);
      const el = id ? collection(ydoc, op.coll).get(id) : null;
      if (el instanceof Y.Map) ydoc.transact(() => el.delete(op.field));
      break;
    }
    case "raw":
      ydoc.transact(() => collection(ydoc, op.coll).set(`c${who}-r${n}`, materialize(op.value)));
      break;
    case "pause":
      break;
  }
}

function checkModel(ydoc: Y.Doc): void {
  const { doc: model } = readModelTolerant(ydoc);
  expect(loadDocumentValue(model).ok).toBe(true);
  const ids = new Set(model.nodes.map((n) => n.id));
  for (const f of model.flows) expect(ids.has(f.source) && ids.has(f.target)).toBe(true);
}

test("random valid and invalid edits by two clients: identical replicas, a loadable stored document", async () => {
  const docs: Created[] = [];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(opArb, { maxLength: 12 }), { minLength: 2, maxLength: 2 }), async (scripts) => {
      const doc = await createDoc(server.url, { title: "乱" });
      docs.push(doc);
      const clients = scripts.map(() => connectClient(server.url, doc.id, doc.token));
      try {
        await synced(...clients);
        for (let step = 0; step < 12; step++) {
          scripts.forEach((script, who) => {
            const op = script[step];
            if (op) apply((clients[who] as (typeof clients)[0]).ydoc, who, step, op);
          });
          // Paced: the edits interleave with the other clients' and the server's writes (the point of the test).
          if (step % 3 === 2) await sleep(5);
        }
        // A client that sent an invalid element is refused and told; the others end equal to the stored state.
        const fresh = connectClient(server.url, doc.id, doc.token);
        await synced(fresh);
        for (const c of clients)
          await waitFor(
            () => c.conn.status() === "refused" || stateOf(c.ydoc) === stateOf(fresh.ydoc),
            10_000,
            "convergence or refusal",
          );
        for (const c of clients)
          if (c.conn.status() === "refused")
            expect(["invalid_element", "bad_structure"]).toContain(c.conn.notice()?.code);
        expect(invalidElements(fresh.ydoc).size).toBe(0);
        checkModel(fresh.ydoc);
        fresh.close();
        const model = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
        expect(model.status).toBe(200);
        expect(loadDocumentValue(model.body).ok).toBe(true);
      } finally {
        for (const c of clients) c.close();
      }
    }),
    { numRuns: 20 },
  );
  // What was stored survives a kill and loads again.
  await server.stop("SIGKILL");
  server = await startServer({ dataDir: server.dataDir });
  for (const doc of docs) {
    const model = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
    expect(model.status).toBe(200);
    expect(loadDocumentValue(model.body).ok).toBe(true);
  }
}, 120_000);
