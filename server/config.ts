import os from "node:os";
import path from "node:path";

/** Server settings from the environment. Every limit has a default that suits one organisation's server. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  templatesDir: string;
  /** Largest single WebSocket message (ws `maxPayload`). */
  maxMessageBytes: number;
  /** Largest stored state of one document. */
  maxDocumentBytes: number;
  /** Largest awareness (presence) message, and the presence bytes one connection may send per second. */
  maxAwarenessBytes: number;
  awarenessBytesPerSecond: number;
  /** Open WebSocket connections per document. */
  maxConnectionsPerDocument: number;
  /** Documents one list request may ask about. */
  maxListedDocuments: number;
  /** Deleted documents stay restorable this long, then are purged. */
  trashDays: number;
  /** Stored updates are folded into the snapshot after this many. */
  compactEvery: number;
  /** First delay step for repeated bad tokens from one address. */
  authDelayBaseMs: number;
  /** Longest wait for one failed token check. */
  authDelayMaxMs: number;
  /** New documents (create, import, duplicate) one address may make per minute. */
  createPerMinute: number;
  /** SQLite `synchronous`: FULL survives power loss; NORMAL (WAL) survives a process crash. */
  sqliteSync: "FULL" | "NORMAL";
  /** PostgreSQL connection string: several instances share one store (unset: the embedded SQLite file). */
  databaseUrl: string | null;
  /** Redis connection string: edits and presence reach the clients of every instance (needs databaseUrl). */
  redisUrl: string | null;
  /** Extra origins allowed to open WebSockets (the page's own origin always is). */
  allowedOrigins: string[];
  /** Renders (PDF, PNG, Word, SVG) run in worker threads, off the event loop that serves everyone. */
  render: RenderSettings;
}

export interface RenderSettings {
  /** Worker threads rendering at the same time. */
  workers: number;
  /** Renders waiting for a worker; beyond this the server answers 503 with Retry-After. */
  queue: number;
  /** One render's time limit (after its worker has started). */
  timeoutMs: number;
  /** Largest model a render accepts (request body). */
  maxBytes: number;
  /** A worker is replaced after this many renders … */
  recycleAfter: number;
  /** … or when its heap exceeds this after a render. */
  recycleHeapMb: number;
  /** Hard heap limit of one worker: a render that needs more fails alone. */
  workerHeapMb: number;
  /** An idle worker exits after this, so an idle server holds no render memory. */
  idleMs: number;
}

/** One worker per core, leaving one core to the event loop; at least one, at most four. */
export function defaultRenderWorkers(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} が正しくありません / invalid ${name}: ${raw}`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT が正しくありません / invalid PORT: ${env.PORT}`);
  const sync = (env.SQLITE_SYNC ?? "FULL").toUpperCase();
  if (sync !== "FULL" && sync !== "NORMAL")
    throw new Error(`SQLITE_SYNC は FULL か NORMAL / SQLITE_SYNC must be FULL or NORMAL: ${env.SQLITE_SYNC}`);
  if (env.REDIS_URL?.trim() && !env.DATABASE_URL?.trim())
    throw new Error(
      "REDIS_URL には DATABASE_URL（PostgreSQL）も必要です / REDIS_URL needs DATABASE_URL (PostgreSQL) as well: instances must share one store",
    );
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.DATA_DIR ?? "data"),
    staticDir: path.resolve(env.STATIC_DIR ?? "dist"),
    templatesDir: path.resolve(env.TEMPLATES_DIR ?? "templates"),
    maxMessageBytes: intFrom(env, "MAX_MESSAGE_BYTES", 2 * 1024 * 1024, 1024),
    maxDocumentBytes: intFrom(env, "MAX_DOCUMENT_BYTES", 20 * 1024 * 1024, 1024),
    maxAwarenessBytes: intFrom(env, "MAX_AWARENESS_BYTES", 64 * 1024, 256),
    awarenessBytesPerSecond: intFrom(env, "AWARENESS_BYTES_PER_SECOND", 64 * 1024, 256),
    maxConnectionsPerDocument: intFrom(env, "MAX_CONNECTIONS_PER_DOCUMENT", 50, 1),
    maxListedDocuments: intFrom(env, "MAX_LISTED_DOCUMENTS", 200, 1),
    trashDays: intFrom(env, "TRASH_DAYS", 30, 0),
    compactEvery: intFrom(env, "COMPACT_EVERY", 500, 1),
    authDelayBaseMs: intFrom(env, "AUTH_DELAY_BASE_MS", 100, 0),
    authDelayMaxMs: intFrom(env, "AUTH_DELAY_MAX_MS", 10_000, 0),
    createPerMinute: intFrom(env, "CREATE_PER_MINUTE", 120, 1),
    sqliteSync: sync,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    redisUrl: env.REDIS_URL?.trim() || null,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    render: {
      workers: intFrom(env, "RENDER_WORKERS", defaultRenderWorkers(), 1),
      queue: intFrom(env, "RENDER_QUEUE", 8, 0),
      timeoutMs: intFrom(env, "RENDER_TIMEOUT_MS", 60_000, 100),
      maxBytes: intFrom(env, "RENDER_MAX_BYTES", 5 * 1024 * 1024, 1024),
      recycleAfter: intFrom(env, "RENDER_RECYCLE_AFTER", 100, 1),
      recycleHeapMb: intFrom(env, "RENDER_RECYCLE_HEAP_MB", 384, 16),
      workerHeapMb: intFrom(env, "RENDER_WORKER_HEAP_MB", 1024, 64),
      idleMs: intFrom(env, "RENDER_IDLE_MS", 300_000, 0),
    },
  };
}
