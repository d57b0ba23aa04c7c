import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { collection } from "../../src/sync/doc-shape";
import { type Engine, freePort, startPostgres, startRedis } from "../support/engines";
import { type RunningServer, startServer } from "../support/server";
import {
  addNode,
  api,
  connectClient,
  createDoc,
  nodeIds,
  share,
  sleep,
  stateOf,
  synced,
  type TestClient,
  waitFor,
} from "./support";

/**
 * Three instances behind no load balancer at all (clients pick any), one throwaway PostgreSQL and one
 * Redis: started once for the file.
 */
// Each y-websocket provider in Node listens to the process' exit; this file holds up to ~20 clients at once.
process.setMaxListeners(40);

let postgres: Engine & { createDatabase: (name: string) => Promise<string> };
let redis: Engine;
let env: Record<string, string>;
const servers: RunningServer[] = [];
const clients: TestClient[] = [];

function client(server: RunningServer, docId: string, token: string): TestClient {
  const c = connectClient(server.url, docId, token);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  env = {
    DATABASE_URL: await postgres.createDatabase("instances"),
    REDIS_URL: redis.url,
    AUTH_DELAY_BASE_MS: "0",
    COMPACT_EVERY: "40",
    MAX_CONNECTIONS_PER_DOCUMENT: "6",
  };
  // One after the other: the first one creates the schema (the others would wait for its lock anyway).
  for (let i = 0; i < 3; i++) servers.push(await startServer({ env }));
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

function randomEdits(c: TestClient, tag: string, steps: number, rand: () => number): void {
  for (let n = 0; n < steps; n++) {
    const nodes = collection(c.ydoc, "nodes");
    const ids = [...nodes.keys()];
    const r = rand();
    if (r < 0.5 || ids.length === 0) addNode(c.ydoc, `${tag}-${n}`, `${tag} ${n}`, n, 0);
    else if (r < 0.75) nodes.delete(ids[Math.floor(rand() * ids.length)] as string);
    else {
      const target = nodes.get(ids[Math.floor(rand() * ids.length)] as string);
      if (target instanceof Y.Map) target.set("label", `${tag} changed ${n}`);
    }
  }
}

/** Waits until these instances relay through Redis again (their counts written back). */
async function fanoutBack(instances: RunningServer[]): Promise<void> {
  for (const s of instances) {
    const start = Date.now();
    while ((await api(s.url, "/api/health")).body.fanout !== "redis") {
      if (Date.now() - start > 15_000) throw new Error("Redis not reconnected");
      await sleep(50); // poll interval
    }
  }
}

/** A small deterministic generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("several instances on PostgreSQL and Redis", () => {
  test("clients on different instances converge on random edit sequences; presence crosses instances", async () => {
    const doc = await createDoc(servers[0]!.url, { title: "複数" });
    const cs = servers.map((s) => client(s, doc.id, doc.token));
    await synced(...cs);
    for (let round = 0; round < 5; round++) {
      for (const [i, c] of cs.entries()) randomEdits(c, `c${i}r${round}`, 8, seeded(round * 10 + i));
      // Paced: each round's edits cross the other instances' before the next round.
      await sleep(5);
    }
    await waitFor(() => cs.every((c) => stateOf(c.ydoc) === stateOf(cs[0]!.ydoc)), 20_000, "convergence");
    expect(nodeIds(cs[0]!.ydoc).length).toBeGreaterThan(10);
    // A fresh client on another instance loads the same from the store.
    const fresh = client(servers[2]!, doc.id, doc.token);
    await synced(fresh);
    await waitFor(() => stateOf(fresh.ydoc) === stateOf(cs[0]!.ydoc), 10_000, "fresh client");

    cs[0]!.conn.provider.awareness.setLocalStateField("user", { name: "甲" });
    await waitFor(
      () => [...cs[1]!.conn.provider.awareness.getStates().values()].some((s) => s.user?.name === "甲"),
      10_000,
      "presence on another instance",
    );
  });

  test("a link revoked on one instance closes its connections on the others; the connection limit counts all instances", async () => {
    const doc = await createDoc(servers[0]!.url, { title: "取消" });
    const link = await share(servers[0]!.url, doc, "edit", "外部");
    const onB = client(servers[1]!, doc.id, link.token);
    await synced(onB);
    const closed = new Promise<number>((resolve) =>
      onB.conn.provider.on("connection-close", (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    const r = await api(servers[0]!.url, `/api/documents/${doc.id}/shares/${link.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    expect(r.status).toBe(200);
    expect(await closed).toBe(4403);

    // 6 per document: 2 on each instance fit, a seventh anywhere is refused.
    const six = servers.flatMap((s) => [client(s, doc.id, doc.token), client(s, doc.id, doc.token)]);
    await synced(...six);
    const seventh = client(servers[2]!, doc.id, doc.token);
    const refused = await new Promise<number>((resolve) =>
      seventh.conn.provider.on("connection-close", (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    expect(refused).toBe(4503);
    seventh.close();
    for (const c of six) c.close();
  });

  test("per-address limits count the requests of all instances: new documents per minute, the slowdown of bad tokens", async () => {
    // Instances of their own (own database, own Redis database for the counters) with small limits.
    const limited = { ...env, DATABASE_URL: await postgres.createDatabase("limits"), REDIS_URL: `${redis.url}/1` };
    Object.assign(limited, { CREATE_PER_MINUTE: "5", AUTH_DELAY_BASE_MS: "300" });
    const three: RunningServer[] = [await startServer({ env: limited })];
    three.push(...(await Promise.all([startServer({ env: limited }), startServer({ env: limited })])));
    try {
      // Round robin over the instances until refused: 5 in all, not 5 per instance. Counts are per
      // minute: if the minute turned meanwhile, the round is repeated.
      let created = 0;
      for (let attempt = 0; attempt < 2; attempt++) {
        const minute = Math.floor(Date.now() / 60_000);
        const statuses: number[] = [];
        for (let i = 0; i < 9; i++)
          statuses.push((await api(three[i % 3]!.url, "/api/documents", { body: { title: `上限 ${i}` } })).status);
        created = statuses.filter((s) => s === 201).length;
        if (Math.floor(Date.now() / 60_000) === minute) {
          expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
          expect(statuses.slice(5)).toEqual([429, 429, 429, 429]);
          break;
        }
      }
      expect(created).toBe(5);

      // Bad tokens: 5 failures are free, then each waits 300 ms·2ⁿ. Six spread over the three instances
      // (two each, nothing any one instance would slow down) make the seventh wait 600 ms on any of them.
      const id = "d0000000000000000000";
      const guess = async (s: RunningServer, n: number) => {
        const t0 = Date.now();
        const r = await api(s.url, `/api/documents/${id}`, { token: `${"g".repeat(40)}${String(n).padStart(3, "0")}` });
        expect(r.status).toBe(403);
        return Date.now() - t0;
      };
      for (let n = 0; n < 6; n++) await guess(three[n % 3]!, n);
      expect(await guess(three[2]!, 6)).toBeGreaterThanOrEqual(550);
    } finally {
      await Promise.all(three.map((s) => s.stop()));
    }
  }, 180_000); // three more server starts on a shared machine

  test("SIGKILL of one instance while clients on all three edit loses no confirmed edit", async () => {
    const doc = await createDoc(servers[0]!.url, { title: "停止" });
    const editors = servers.map((s) => client(s, doc.id, doc.token));
    const observer = client(servers[1]!, doc.id, doc.token);
    await synced(...editors, observer);
    // What the observer (on a surviving instance) received was confirmed: stored before it was sent.
    const seen = new Set<string>();
    observer.ydoc.on("update", () => {
      for (const id of nodeIds(observer.ydoc)) seen.add(id);
    });
    let running = true;
    const loops = editors.map(async (c, i) => {
      for (let n = 0; running; n++) {
        addNode(c.ydoc, `k${i}-${n}`, `${i}/${n}`, n, i);
        // Paced: edits keep arriving while an instance is killed (the point of the test).
        await sleep(4);
      }
    });
    await waitFor(() => [...seen].filter((id) => id.startsWith("k0-")).length > 30, 30_000, "confirmed edits");
    const killed = servers[0]!;
    await killed.stop("SIGKILL");
    // The edits go on for a while with the instance down (its clients' edits wait to be sent again).
    await sleep(300);
    running = false;
    await Promise.all(loops);
    const fresh = client(servers[2]!, doc.id, doc.token);
    await synced(fresh);
    await waitFor(() => [...seen].every((id) => nodeIds(fresh.ydoc).includes(id)), 10_000, "confirmed edits stored");
    // The killed instance comes back on its port; its clients reconnect and everyone converges.
    servers[0] = await startServer({ env, port: killed.port });
    await waitFor(
      () => [...editors, observer].every((c) => stateOf(c.ydoc) === stateOf(fresh.ydoc)),
      30_000,
      "convergence after the restart",
    );
    const lost = [...seen].filter((id) => !nodeIds(fresh.ydoc).includes(id));
    expect(lost).toEqual([]);
  });

  test("Redis restarts: edits keep reaching the other instances (through PostgreSQL meanwhile) and nothing is lost", async () => {
    const doc = await createDoc(servers[0]!.url, { title: "Redis" });
    const [a, b] = [client(servers[0]!, doc.id, doc.token), client(servers[1]!, doc.id, doc.token)];
    await synced(a, b);
    await redis.stop("SIGKILL");
    addNode(a.ydoc, "while-down", "Redis 停止中");
    await waitFor(() => nodeIds(b.ydoc).includes("while-down"), 15_000, "edit through the store while Redis is down");
    expect((await api(servers[0]!.url, "/api/health")).body.fanout).toBe("polling");
    await redis.start();
    // Once Redis is back, edits travel through it again, in both directions.
    await fanoutBack(servers.slice(0, 2));
    for (let i = 0; i < 10; i++) {
      addNode(a.ydoc, `after-a${i}`, "a");
      addNode(b.ydoc, `after-b${i}`, "b");
    }
    await waitFor(() => stateOf(a.ydoc) === stateOf(b.ydoc) && nodeIds(a.ydoc).length === 21, 15_000, "convergence");
  });

  test("while Redis is away, a revoked link and a trashed document still close their connections on every instance; once it is back the connection limit counts every instance again", async () => {
    const doc = await createDoc(servers[0]!.url, { title: "Redis 取消" });
    const trashed = await createDoc(servers[0]!.url, { title: "Redis ごみ箱" });
    const link = await share(servers[0]!.url, doc, "edit", "外部");
    // 6 per document: 2 + 2 + 1 held by the owner, the sixth by the edit link on the second instance.
    const held = [0, 0, 1, 1, 2].map((i) => client(servers[i]!, doc.id, doc.token));
    const linked = client(servers[1]!, doc.id, link.token);
    const onTrashed = client(servers[2]!, trashed.id, trashed.token);
    await synced(...held, linked, onTrashed);
    const closeCode = (c: TestClient) =>
      new Promise<number>((resolve) =>
        c.conn.provider.on("connection-close", (e: CloseEvent | null) => resolve(e?.code ?? 0)),
      );
    const [linkClosed, trashClosed] = [closeCode(linked), closeCode(onTrashed)];

    await redis.stop("SIGKILL");
    const revoked = await api(servers[0]!.url, `/api/documents/${doc.id}/shares/${link.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    expect(revoked.status).toBe(200);
    expect(
      (await api(servers[0]!.url, `/api/documents/${trashed.id}`, { method: "DELETE", token: trashed.token })).status,
    ).toBe(200);
    // No Redis message told the other instances: they find it in PostgreSQL.
    expect(await linkClosed).toBe(4403);
    expect(await trashClosed).toBe(4410);
    // A place given back while Redis is away: 4 connections are left.
    held[0]!.close();

    await redis.start();
    await fanoutBack(servers);
    // The restarted Redis knew nothing; the instances wrote their counts again: 2 more fit, not 3.
    const two = [client(servers[2]!, doc.id, doc.token), client(servers[0]!, doc.id, doc.token)];
    await synced(...two);
    const third = client(servers[1]!, doc.id, doc.token);
    expect(await closeCode(third)).toBe(4503);
    for (const c of [...held, ...two, third]) c.close();
  });

  test("PostgreSQL or Redis unreachable at start: the start stops with a message in both languages, no password shown", async () => {
    const closed = await freePort(); // nothing listens there
    const noDatabase = await startServer({
      env: { ...env, DATABASE_URL: `postgres://nagare:himitsu-pw@127.0.0.1:${closed}/nagare` },
    }).then(
      () => "started",
      (e: Error) => e.message,
    );
    expect(noDatabase).toMatch(/起動できません: PostgreSQL に接続できないか.*127\.0\.0\.1:\d+\/nagare/);
    expect(noDatabase).toMatch(/Cannot start: cannot connect to PostgreSQL/);
    expect(noDatabase).not.toContain("himitsu-pw");
    const noRedis = await startServer({ env: { ...env, REDIS_URL: `redis://127.0.0.1:${closed}` } }).then(
      () => "started",
      (e: Error) => e.message,
    );
    expect(noRedis).toMatch(/起動できません: Redis に接続できません（redis:\/\/127\.0\.0\.1:\d+）/);
    expect(noRedis).toMatch(/Cannot start: cannot connect to Redis/);
  }, 150_000); // two server starts (the second waits 5 s for Redis) on a shared machine

  test("PostgreSQL restarts: writes are refused with a notice meanwhile, connected clients keep reading, edits are stored once it is back", async () => {
    const doc = await createDoc(servers[0]!.url, { title: "PG" });
    // a and c on the first instance, b on the second.
    const [a, b, c] = [servers[0]!, servers[1]!, servers[0]!].map((s) => client(s, doc.id, doc.token)) as [
      TestClient,
      TestClient,
      TestClient,
    ];
    await synced(a, b, c);
    addNode(a.ydoc, "before", "停止前");
    await waitFor(() => nodeIds(b.ydoc).includes("before"), 10_000, "edit before");
    const notices = { a: [] as string[], c: [] as string[] };
    a.conn.onNotice((n) => notices.a.push(n.code));
    c.conn.onNotice((n) => notices.c.push(n.code));
    const closed = { b: [] as number[], c: [] as number[] };
    b.conn.provider.on("connection-close", (e: CloseEvent | null) => closed.b.push(e?.code ?? 0));
    c.conn.provider.on("connection-close", (e: CloseEvent | null) => closed.c.push(e?.code ?? 0));

    await postgres.stop();
    addNode(a.ydoc, "during", "停止中");
    await waitFor(() => notices.a.includes("storage_failed"), 15_000, "storage_failed notice");
    expect(nodeIds(b.ydoc)).not.toContain("during");
    // The API needs the database (links are checked there): a plain answer in both languages.
    const read = await api(servers[1]!.url, `/api/documents/${doc.id}`, { token: doc.token });
    expect(read.status).toBe(503);
    expect(read.body.error).toMatchObject({ code: "storage_unreachable", ja: expect.stringMatching(/データベース/) });
    expect(read.body.error.en).toMatch(/database/);
    // The other clients stay connected, also on the instance that refused the edit; presence goes on.
    await waitFor(
      () => servers[0]!.output().includes(`rebuilding ${doc.id} waits for the database`),
      10_000,
      "rebuild waits",
    );
    c.conn.provider.awareness.setLocalStateField("user", { name: "丙" });
    await waitFor(
      () => [...b.conn.provider.awareness.getStates().values()].some((s) => s.user?.name === "丙"),
      10_000,
      "presence while the database is away",
    );
    expect(closed).toEqual({ b: [], c: [] });
    // An edit on that instance meanwhile is refused with the notice too, and kept by its client.
    addNode(c.ydoc, "by-c", "停止中 丙");
    await waitFor(() => notices.c.includes("storage_failed"), 10_000, "storage_failed notice to c");
    expect(closed.b).toEqual([]);

    await postgres.start();
    await waitFor(
      () => nodeIds(b.ydoc).includes("during") && nodeIds(b.ydoc).includes("by-c"),
      30_000,
      "edits stored after the restart",
    );
    await waitFor(() => [a, c].every((x) => stateOf(x.ydoc) === stateOf(b.ydoc)), 10_000, "convergence");
    const fresh = client(servers[2]!, doc.id, doc.token);
    await synced(fresh);
    expect(nodeIds(fresh.ydoc).sort()).toEqual(["before", "by-c", "during"]);
  });
});
