import { Worker } from "node:worker_threads";
import type { RenderSettings } from "../config";
import type { RenderJob, RenderOutcome } from "./job";

/** Messages between the pool and a worker thread (server/render/worker.ts). */
export type ToWorker = RenderJob & { id: number };
export type FromWorker =
  | { type: "ready" }
  | { type: "done"; id: number; outcome: RenderOutcome; ms: number; heapMb: number };

/** What the pool answers for a job: the outcome, how long the render took, when to retry a refusal. */
export interface PoolAnswer {
  outcome: RenderOutcome;
  ms?: number;
  /** Seconds, for a `Retry-After` header. */
  retryAfter?: number;
}

interface Waiting {
  job: RenderJob;
  resolve: (a: PoolAnswer) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: (Waiting & { id: number; timer: NodeJS.Timeout }) | null;
  renders: number;
  idleTimer: NodeJS.Timeout | null;
  startTimer: NodeJS.Timeout | null;
}

/** A worker that has not loaded its modules by then is taken as broken. */
const START_LIMIT_MS = 120_000;

const refusal = (status: number, code: string, ja: string, en: string): RenderOutcome => ({
  ok: false,
  status,
  code,
  ja,
  en,
});

/**
 * Where the worker's code is. The compiled build has `render-worker.mjs` next to the server bundle; from
 * source (tsx, the tests) a plain-JS bootstrap registers tsx in the new thread and then loads worker.ts.
 */
function workerEntry(): { url: URL; workerData?: { entry: string } } {
  if (import.meta.url.endsWith(".ts"))
    return {
      url: new URL("./tsx-worker.mjs", import.meta.url),
      workerData: { entry: new URL("./worker.ts", import.meta.url).href },
    };
  return { url: new URL("./render-worker.mjs", import.meta.url) };
}

/**
 * Renders in worker threads so that the event loop serving the API and the WebSockets never waits for
 * one. Workers start on demand and leave when idle; a bounded queue holds what no worker can take yet,
 * and beyond it the caller is told to retry. A render that runs past its time limit, or a worker that
 * runs out of heap, costs only that worker: it is replaced and the others keep going.
 */
export class RenderPool {
  private slots: Slot[] = [];
  private queue: Waiting[] = [];
  private nextId = 1;
  private closed = false;
  /** Moving average of render time, for Retry-After. */
  private avgMs = 3000;
  readonly counts = { done: 0, failed: 0, refused: 0, timedOut: 0, recycled: 0 };

  constructor(
    private settings: RenderSettings,
    private log: (line: string) => void = () => {},
  ) {}

  stats() {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.running).length,
      queued: this.queue.length,
      ...this.counts,
    };
  }

  run(job: RenderJob, signal?: AbortSignal): Promise<PoolAnswer> {
    if (this.closed)
      return Promise.resolve({
        outcome: refusal(503, "shutting_down", "サーバーを停止しています", "the server is shutting down"),
      });
    const starting = this.slots.filter((s) => !s.ready).length;
    const free = this.slots.some((s) => s.ready && !s.running);
    const canGrow = this.slots.length < this.settings.workers;
    if (!free && !canGrow && this.queue.length >= this.settings.queue + starting) {
      this.counts.refused++;
      const retryAfter = Math.min(
        120,
        Math.max(1, Math.ceil((this.avgMs * (this.queue.length + 1)) / this.settings.workers / 1000)),
      );
      return Promise.resolve({
        outcome: refusal(
          503,
          "busy",
          `出力処理が混み合っています。${retryAfter} 秒ほど待ってから再試行してください`,
          `the renderer is busy; retry in about ${retryAfter} s`,
        ),
        retryAfter,
      });
    }
    return new Promise<PoolAnswer>((resolve) => {
      const waiting: Waiting = { job, resolve, signal };
      if (signal) {
        // A caller that went away while waiting no longer needs its render.
        waiting.onAbort = () => {
          const i = this.queue.indexOf(waiting);
          if (i >= 0) {
            this.queue.splice(i, 1);
            resolve({ outcome: refusal(499, "aborted", "中止されました", "aborted") });
          }
        };
        signal.addEventListener("abort", waiting.onAbort, { once: true });
      }
      this.queue.push(waiting);
      this.pump();
    });
  }

  /** Stops every worker; waiting renders are answered 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0))
      w.resolve({ outcome: refusal(503, "shutting_down", "サーバーを停止しています", "the server is shutting down") });
    await Promise.all(this.slots.splice(0).map((s) => this.dispose(s)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.running);
      if (!slot) {
        const starting = this.slots.filter((s) => !s.ready).length;
        if (this.slots.length < this.settings.workers && starting < this.queue.length) {
          this.spawn();
          continue;
        }
        return;
      }
      const next = this.queue.shift() as Waiting;
      if (next.signal?.aborted) continue;
      this.start(slot, next);
    }
  }

  private start(slot: Slot, w: Waiting): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const id = this.nextId++;
    const timer = setTimeout(() => this.timeOut(slot), this.settings.timeoutMs);
    slot.running = { ...w, id, timer };
    const msg: ToWorker = { ...w.job, id };
    const body = w.job.body;
    const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    slot.worker.postMessage(msg, whole ? [body.buffer as ArrayBuffer] : []);
  }

  private spawn(): void {
    const entry = workerEntry();
    const worker = new Worker(entry.url, {
      workerData: entry.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.workerHeapMb },
    });
    const slot: Slot = { worker, ready: false, running: null, renders: 0, idleTimer: null, startTimer: null };
    slot.startTimer = setTimeout(() => {
      this.log(`render worker did not start within ${START_LIMIT_MS / 1000} s`);
      this.fail(slot, refusal(503, "render_unavailable", ...UNAVAILABLE));
    }, START_LIMIT_MS);
    slot.startTimer.unref();
    worker.on("message", (m: FromWorker) => this.onMessage(slot, m));
    worker.on("error", (e: Error & { code?: string }) => {
      const memory = e.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.log(`render worker ${memory ? "ran out of memory" : `failed: ${e.stack ?? e.message}`}`);
      this.fail(
        slot,
        memory
          ? refusal(
              413,
              "render_memory",
              `この図の出力にはメモリーが足りません（上限 ${this.settings.workerHeapMb} MB）。範囲を選んで書き出すか、コマンドラインの diagram を使ってください`,
              `rendering this diagram needs more memory than allowed (${this.settings.workerHeapMb} MB); export a selection or use the command line`,
            )
          : refusal(500, "render_failed", "出力処理が異常終了しました", "the renderer stopped unexpectedly"),
      );
    });
    worker.on("exit", () => {
      if (this.slots.includes(slot))
        this.fail(
          slot,
          refusal(500, "render_failed", "出力処理が異常終了しました", "the renderer stopped unexpectedly"),
        );
    });
    this.slots.push(slot);
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === "ready") {
      slot.ready = true;
      if (slot.startTimer) clearTimeout(slot.startTimer);
      this.pump();
      this.idleLater(slot);
      return;
    }
    const r = slot.running;
    if (!r || r.id !== m.id) return;
    clearTimeout(r.timer);
    slot.running = null;
    slot.renders++;
    this.avgMs = this.avgMs * 0.7 + m.ms * 0.3;
    if (m.outcome.ok) this.counts.done++;
    else this.counts.failed++;
    this.settle(r, { outcome: m.outcome, ms: m.ms });
    // Recycling frees what a long series of renders (or one very large one) left behind.
    if (slot.renders >= this.settings.recycleAfter || m.heapMb >= this.settings.recycleHeapMb) {
      this.counts.recycled++;
      this.log(`render worker replaced after ${slot.renders} render(s), heap ${Math.round(m.heapMb)} MB`);
      this.remove(slot);
    } else this.idleLater(slot);
    this.pump();
  }

  private timeOut(slot: Slot): void {
    this.counts.timedOut++;
    const seconds = Math.round(this.settings.timeoutMs / 100) / 10;
    this.log(`render stopped after ${seconds} s (time limit)`);
    this.fail(
      slot,
      refusal(
        503,
        "render_timeout",
        `出力が制限時間（${seconds} 秒）内に終わらなかったため中止しました。範囲を選んで書き出すか、コマンドラインの diagram を使ってください`,
        `the render did not finish within the time limit (${seconds} s) and was stopped; export a selection or use the command line`,
      ),
    );
  }

  /** The worker is lost: its render (if any) gets `outcome`, and waiting renders get a fresh worker. */
  private fail(slot: Slot, outcome: RenderOutcome): void {
    if (!this.slots.includes(slot)) return;
    const r = slot.running;
    slot.running = null;
    if (r) {
      clearTimeout(r.timer);
      this.counts.failed++;
      this.settle(r, { outcome });
    } else if (!slot.ready && this.slots.every((s) => s === slot || !s.ready)) {
      // No worker could start: tell the waiting callers instead of spawning in a loop.
      for (const w of this.queue.splice(0)) this.settle(w, { outcome });
    }
    this.remove(slot);
    this.pump();
  }

  private settle(w: Waiting, answer: PoolAnswer): void {
    if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
    w.resolve(answer);
  }

  private idleLater(slot: Slot): void {
    if (this.settings.idleMs <= 0 || slot.running) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (!slot.running) this.remove(slot);
    }, this.settings.idleMs);
    slot.idleTimer.unref();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void this.dispose(slot);
  }

  private async dispose(slot: Slot): Promise<void> {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.startTimer) clearTimeout(slot.startTimer);
    if (slot.running) clearTimeout(slot.running.timer);
    slot.worker.removeAllListeners("message");
    await slot.worker.terminate();
  }
}

const UNAVAILABLE = [
  "出力処理を開始できませんでした。管理者にサーバーのログを確認するよう依頼してください",
  "the renderer could not be started; ask the administrator to check the server log",
] as const;
