import fc from "fast-check";
import { expect, test } from "vitest";
import type * as Y from "yjs";
import { loadDocumentValue } from "../../src/model";
import { collection, readModelTolerant } from "../../src/sync/doc-shape";
import { liveServer } from "../support/live";
import { addFlow, addNode, connectClient, createDoc, sleep, stateOf, synced, waitFor } from "./support";

const env = liveServer();

type Op =
  | { t: "add"; label: string }
  | { t: "move"; pick: number; x: number; y: number }
  | { t: "delete"; pick: number }
  | { t: "flow"; from: number; to: number }
  | { t: "label"; pick: number; label: string }
  | { t: "pause" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant("add" as const), label: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({
    t: fc.constant("move" as const),
    pick: fc.nat(50),
    x: fc.integer({ min: -2000, max: 2000 }),
    y: fc.integer({ min: -2000, max: 2000 }),
  }),
  fc.record({ t: fc.constant("delete" as const), pick: fc.nat(50) }),
  fc.record({ t: fc.constant("flow" as const), from: fc.nat(50), to: fc.nat(50) }),
  fc.record({ t: fc.constant("label" as const), pick: fc.nat(50), label: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.constant({ t: "pause" as const }),
);

function apply(ydoc: Y.Doc, who: number, n: number, op: Op): void {
  const nodes = collection(ydoc, "nodes");
  const ids = [...nodes.keys()].sort();
  const pick = (i: number) => ids[i % Math.max(1, ids.length)];
  switch (op.t) {
    case "add":
      addNode(ydoc, `c${who}-n${n}`, op.label, n * 10, who * 100);
      break;
    case "move": {
      const el = ids.length ? (nodes.get(pick(op.pick) as string) as Y.Map<unknown>) : null;
      el?.set("position", { x: op.x, y: op.y });
      break;
    }
    case "delete":
      if (ids.length) ydoc.transact(() => nodes.delete(pick(op.pick) as string));
      break;
    case "flow":
      if (ids.length) addFlow(ydoc, `c${who}-f${n}`, pick(op.from) as string, pick(op.to) as string);
      break;
    case "label": {
      const el = ids.length ? (nodes.get(pick(op.pick) as string) as Y.Map<unknown>) : null;
      el?.set("label", op.label);
      break;
    }
    case "pause":
      break;
  }
}

test("random concurrent edits by three clients: identical replicas, valid tolerant models", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(opArb, { maxLength: 14 }), { minLength: 3, maxLength: 3 }), async (scripts) => {
      const doc = await createDoc(env.server.url);
      const clients = scripts.map(() => connectClient(env.server.url, doc.id, doc.token));
      try {
        await synced(...clients);
        const longest = Math.max(...scripts.map((s) => s.length));
        for (let step = 0; step < longest; step++) {
          scripts.forEach((script, who) => {
            const op = script[step];
            if (op) apply((clients[who] as (typeof clients)[0]).ydoc, who, step, op);
          });
          // Paced: the edits interleave with the other clients' and the server's writes (the point of the test).
          if (step % 4 === 3) await sleep(5);
        }
        await waitFor(
          () => clients.every((c) => stateOf(c.ydoc) === stateOf((clients[0] as (typeof clients)[0]).ydoc)),
          10_000,
          "convergence",
        );
        for (const c of clients) {
          const { doc: model } = readModelTolerant(c.ydoc);
          expect(loadDocumentValue(model).ok).toBe(true);
          const ids = new Set(model.nodes.map((n) => n.id));
          for (const f of model.flows) expect(ids.has(f.source) && ids.has(f.target)).toBe(true);
        }
        // The server stored the same content the clients converged on.
        const fresh = connectClient(env.server.url, doc.id, doc.token);
        await synced(fresh);
        expect(stateOf(fresh.ydoc)).toBe(stateOf((clients[0] as (typeof clients)[0]).ydoc));
        fresh.close();
      } finally {
        for (const c of clients) c.close();
      }
    }),
    { numRuns: 15 },
  );
});
