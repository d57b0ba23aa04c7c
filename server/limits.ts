import { HttpError } from "./http/respond";

/**
 * Counters that every instance sees (Redis, when REDIS_URL is set), so that a per-address limit holds
 * for the whole service and not once per instance. Null when they cannot answer right now (Redis away):
 * the caller then counts in this process only, as a single server does.
 */
export interface SharedCounters {
  /**
   * Adds `by` to each counter and returns the new values, in order. A counter lapses `ttlMs` after its
   * last addition.
   */
  add(counts: { key: string; by: number }[], ttlMs: number): Promise<number[] | null>;
}

/** New documents (create, import, duplicate) and owner keys per address and minute. */
export class CreationLimit {
  private local = new Map<string, { minute: number; count: number }>();

  constructor(
    private perMinute: number,
    private shared: SharedCounters | null = null,
  ) {}

  /** Counts one creation by `address`; throws 429 past the limit. */
  async count(address: string, now = Date.now()): Promise<void> {
    const minute = Math.floor(now / 60_000);
    const shared = await this.shared?.add([{ key: `create:${address}:${minute}`, by: 1 }], 60_000);
    const count = shared?.[0] ?? this.countLocally(address, minute);
    if (count > this.perMinute)
      throw new HttpError(
        429,
        "too_many_documents",
        `文書の作成が多すぎます（1 分間に ${this.perMinute} 件まで）。少し待ってください`,
        `too many new documents (at most ${this.perMinute} a minute); wait a little`,
      );
  }

  private countLocally(address: string, minute: number): number {
    const entry = this.local.get(address);
    const count = entry && entry.minute === minute ? entry.count + 1 : 1;
    if (this.local.size > 10_000) this.local.clear();
    this.local.set(address, { minute, count });
    return count;
  }
}
