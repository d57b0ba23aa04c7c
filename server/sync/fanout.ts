import crypto from "node:crypto";
import { createClient, type RedisClientType } from "redis";
import { StartupError } from "../db";
import type { SharedCounters } from "../limits";
import type { Notice } from "./protocol";

/**
 * Fan-out between server instances through Redis pub/sub. PostgreSQL is the log: an update is stored
 * (with its per-document sequence number) before it is published, and a message only says "numbers
 * prev+1…last are stored, here they are". An instance that misses messages (Redis restart, network cut,
 * slow consumer) sees a number it did not expect, or finds a higher number when it polls the store, and
 * reads what it missed from PostgreSQL. Redis keeps nothing that is not also in PostgreSQL.
 */
export interface FanoutHandlers {
  /** Updates numbered prev+1…last, stored by another instance. */
  stored: (docId: string, prev: number, last: number, update: Uint8Array) => void;
  awareness: (docId: string, update: Uint8Array) => void;
  disconnect: (docId: string, notice: Notice, closeCode: number, tokenId?: string) => void;
  /** Redis came back after an outage: everything open should be checked against the store. */
  reconnected: () => void;
}

interface Message {
  from: string;
  kind: "stored" | "awareness" | "disconnect";
  docId: string;
  prev?: number;
  last?: number;
  data?: string;
  notice?: Notice;
  closeCode?: number;
  tokenId?: string;
}

const PREFIX = "nagare:";
const CONTROL = `${PREFIX}control`;
const docChannel = (docId: string) => `${PREFIX}doc:${docId}`;
const instanceKey = (id: string) => `${PREFIX}instance:${id}`;
const connectionsKey = (docId: string) => `${PREFIX}connections:${docId}`;
const limitKey = (key: string) => `${PREFIX}limit:${key}`;
const HEARTBEAT_MS = 5_000;
const INSTANCE_TTL_MS = 15_000;

/** Counts the connections of live instances only (a killed instance's count expires with its heartbeat). */
const ADMIT = `
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then total = total + tonumber(fields[i + 1])
  else redis.call('HDEL', KEYS[1], fields[i]) end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], 86400000)
return 1
`;

export class Fanout implements SharedCounters {
  readonly instanceId = crypto.randomBytes(8).toString("hex");
  private pub: RedisClientType;
  private sub: RedisClientType;
  private handlers: FanoutHandlers | null = null;
  private channels = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;
  private wasDown = false;
  /** Connections held on this instance per document (the places it took in the shared count). */
  private places = new Map<string, number>();
  private asking = new Map<string, number>();
  /** False from an outage until this instance's counts are in Redis again. */
  private counted = false;
  private lastError: string | null = null;

  private constructor(
    url: string,
    private log: (line: string) => void,
  ) {
    const options = {
      url,
      // Commands fail at once while Redis is away (callers fall back); the client keeps reconnecting.
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000), connectTimeout: 5_000 },
    };
    this.pub = createClient(options) as RedisClientType;
    this.sub = createClient(options) as RedisClientType;
    for (const [name, client] of [
      ["publisher", this.pub],
      ["subscriber", this.sub],
    ] as const) {
      client.on("error", (e: Error) => {
        this.counted = false;
        this.lastError = e.message;
        // Before the start is through, the start's own message says it (and the start stops).
        if (!this.wasDown && this.heartbeat)
          this.log(`Redis ${name}: ${e.message} (edits reach other instances through PostgreSQL until it is back)`);
        this.wasDown = true;
      });
      client.on("ready", () => {
        // A restarted Redis has lost this instance's heartbeat and connection counts: write them at once.
        if (name === "publisher" && this.heartbeat) void this.beat();
        if (this.wasDown && name === "subscriber") {
          this.wasDown = false;
          this.log("Redis is reachable again");
          this.handlers?.reconnected();
        }
      });
    }
  }

  static async connect(url: string, log: (line: string) => void): Promise<Fanout> {
    const f = new Fanout(url, log);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("no answer within 5 s")), 5_000).unref(),
    );
    try {
      await Promise.race([Promise.all([f.pub.connect(), f.sub.connect()]), timeout]);
      await f.sub.subscribe(CONTROL, (m) => f.receive(m));
    } catch (e) {
      await f.close();
      throw new StartupError(
        `Redis に接続できません（${describeRedis(url)}）。REDIS_URL と Redis の稼働を確認してください`,
        `cannot connect to Redis (${describeRedis(url)}); check REDIS_URL and that Redis is running`,
        f.lastError ?? (e instanceof Error ? e.message : String(e)),
      );
    }
    f.heartbeat = setInterval(() => void f.beat(), HEARTBEAT_MS);
    f.heartbeat.unref();
    await f.beat();
    return f;
  }

  /** Redis carries the fan-out and holds this instance's counts. */
  get up(): boolean {
    return this.pub.isReady && this.sub.isReady && this.counted;
  }

  start(handlers: FanoutHandlers): void {
    this.handlers = handlers;
  }

  /** Says this instance is alive and how many connections it holds per document. */
  private async beat(): Promise<void> {
    if (!this.pub.isReady) return;
    try {
      await this.pub.set(instanceKey(this.instanceId), "1", { PX: INSTANCE_TTL_MS });
      await this.report();
      this.counted = true;
    } catch {
      // Redis went away meanwhile: tried again at the next heartbeat.
    }
  }

  private receive(raw: string): void {
    let m: Message;
    try {
      m = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (m.from === this.instanceId || !this.handlers) return;
    if (m.kind === "stored" && m.data && m.prev !== undefined && m.last !== undefined)
      this.handlers.stored(m.docId, m.prev, m.last, Buffer.from(m.data, "base64"));
    else if (m.kind === "awareness" && m.data) this.handlers.awareness(m.docId, Buffer.from(m.data, "base64"));
    else if (m.kind === "disconnect" && m.notice && m.closeCode)
      this.handlers.disconnect(m.docId, m.notice, m.closeCode, m.tokenId);
  }

  private publish(channel: string, m: Omit<Message, "from">): void {
    if (!this.pub.isReady) return; // the others find it in the store when they poll
    this.pub.publish(channel, JSON.stringify({ ...m, from: this.instanceId })).catch(() => {});
  }

  /** Listens to a document's channel while it is open here. */
  async join(docId: string): Promise<void> {
    const channel = docChannel(docId);
    if (this.channels.has(channel)) return;
    this.channels.add(channel);
    await this.sub
      .subscribe(channel, (m) => this.receive(m))
      .catch(() => {
        // Subscriptions are renewed by the client when it reconnects; meanwhile polling covers the gap.
      });
  }

  async leave(docId: string): Promise<void> {
    const channel = docChannel(docId);
    if (!this.channels.delete(channel)) return;
    await this.sub.unsubscribe(channel).catch(() => {});
  }

  stored(docId: string, prev: number, last: number, update: Uint8Array): void {
    this.publish(docChannel(docId), {
      kind: "stored",
      docId,
      prev,
      last,
      data: Buffer.from(update).toString("base64"),
    });
  }

  awareness(docId: string, update: Uint8Array): void {
    this.publish(docChannel(docId), { kind: "awareness", docId, data: Buffer.from(update).toString("base64") });
  }

  disconnect(docId: string, notice: Notice, closeCode: number, tokenId?: string): void {
    this.publish(CONTROL, { kind: "disconnect", docId, notice, closeCode, tokenId });
  }

  /**
   * Takes a place among the document's connections on all instances. While Redis cannot say, `here`
   * decides (the caller's count of its own connections); the place is counted here either way and
   * reported to Redis again with the next heartbeat.
   */
  async admit(docId: string, limit: number, here: () => boolean): Promise<boolean> {
    let ok: boolean | null = null;
    if (this.pub.isReady) {
      // Counted as held while Redis decides, so that a report sent meanwhile does not undercount.
      this.asking.set(docId, (this.asking.get(docId) ?? 0) + 1);
      try {
        ok =
          (await this.pub.eval(ADMIT, {
            keys: [connectionsKey(docId)],
            arguments: [this.instanceId, String(limit), `${PREFIX}instance:`],
          })) === 1;
      } catch {
        ok = null;
      } finally {
        const n = (this.asking.get(docId) ?? 1) - 1;
        if (n > 0) this.asking.set(docId, n);
        else this.asking.delete(docId);
      }
    }
    if (ok === null) ok = here();
    if (ok) this.places.set(docId, (this.places.get(docId) ?? 0) + 1);
    return ok;
  }

  release(docId: string): void {
    const n = Math.max(0, (this.places.get(docId) ?? 0) - 1);
    this.places.set(docId, n);
    // A failure here is mended by the next heartbeat.
    if (this.pub.isReady) this.report([docId]).catch(() => {});
  }

  /**
   * Writes this instance's own count of places for these documents (all it holds when none are named):
   * absolute numbers, so that what a Redis restart lost, or a release made while Redis was away, is
   * right again at the next heartbeat.
   */
  private async report(docIds: string[] = [...this.places.keys()]): Promise<void> {
    if (docIds.length === 0) return;
    const tx = this.pub.multi();
    const sent = docIds.map((d) => [d, (this.places.get(d) ?? 0) + (this.asking.get(d) ?? 0)] as const);
    for (const [docId, n] of sent) {
      if (n > 0) {
        tx.hSet(connectionsKey(docId), this.instanceId, n);
        tx.pExpire(connectionsKey(docId), 86_400_000);
      } else tx.hDel(connectionsKey(docId), this.instanceId);
    }
    await tx.exec();
    for (const [docId, n] of sent) if (n === 0 && this.places.get(docId) === 0) this.places.delete(docId);
  }

  /** Per-address limits of all instances (new documents, failed token guesses); null while Redis is away. */
  async add(counts: { key: string; by: number }[], ttlMs: number): Promise<number[] | null> {
    if (!this.pub.isReady || counts.length === 0) return null;
    try {
      const tx = this.pub.multi();
      for (const { key, by } of counts) {
        tx.incrBy(limitKey(key), by);
        tx.pExpire(limitKey(key), ttlMs);
      }
      const replies = await tx.exec();
      return counts.map((_, i) => Number(replies[2 * i]));
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of [this.pub, this.sub]) {
      if (!c.isOpen) continue;
      // A client still trying to reach Redis would wait for it: drop it at once instead.
      if (!c.isReady) c.destroy();
      else await Promise.race([c.close(), new Promise((r) => setTimeout(r, 1_000).unref())]).catch(() => c.destroy());
    }
  }
}

function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(REDIS_URL)";
  }
}
