import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres } from "./engines";

/**
 * Starts the real server (`server/main.ts`) as a child process on a free port with its own data
 * directory, the way `npm start` runs it (the app must have been built with `vite build`).
 */
export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The PostgreSQL database it runs on; empty on the SQLite file of its data directory. */
  databaseUrl: string;
  proc: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * `NAGARE_TEST_STORE=postgres` (npm run test:postgres) runs the servers of the tests on PostgreSQL: one
 * throwaway cluster per test process, one database per data directory (a restart on the same data
 * directory finds the same database). Tests about the SQLite file itself ask for `store: "sqlite"`.
 */
type Postgres = Awaited<ReturnType<typeof startPostgres>>;

/** From now on, this test process starts its servers on PostgreSQL (the suites of tests/postgres/). */
export function serversOnPostgres(): void {
  process.env.NAGARE_TEST_STORE = "postgres";
}

const shared = globalThis as { nagareTestPostgres?: Promise<Postgres> };

async function databaseFor(dataDir: string): Promise<string> {
  if (!shared.nagareTestPostgres) {
    shared.nagareTestPostgres = startPostgres();
    const stop = () => void shared.nagareTestPostgres?.then((p) => p.stop("SIGKILL"));
    process.once("SIGTERM", () => {
      stop();
      process.exit(143);
    });
  }
  const pg = await shared.nagareTestPostgres;
  return pg.createDatabase(`d_${crypto.createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}`);
}

export async function startServer(
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    port?: number;
    /** Node arguments that start the server; by default its TypeScript source through tsx. */
    entry?: string[];
    /** Tests about the SQLite file itself run on it even under NAGARE_TEST_STORE=postgres. */
    store?: "sqlite";
  } = {},
) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "nagare-data-"));
  const onPostgres = process.env.NAGARE_TEST_STORE === "postgres" && opts.store !== "sqlite";
  const database =
    opts.env?.DATABASE_URL !== undefined ? {} : { DATABASE_URL: onPostgres ? await databaseFor(dataDir) : "" };
  let out = "";
  const entry = opts.entry ?? ["--import", "tsx", path.join(ROOT, "server/main.ts")];
  const proc = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(opts.port ?? 0),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      STATIC_DIR: path.join(ROOT, "dist"),
      REDIS_URL: "",
      ...database,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => (out += d));
  proc.stderr?.on("data", (d) => (out += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout?.on("data", check);
    // "close": after the output is read to its end (a refusal to start is written just before exit).
    proc.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const stop = (signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once("exit", () => resolve());
      proc.kill(signal);
    });
  const databaseUrl = opts.env?.DATABASE_URL ?? database.DATABASE_URL ?? "";
  if (onPostgres) {
    // A suite meant for PostgreSQL never passes on SQLite by mistake.
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { store?: string };
    if (health.store !== "postgres") throw new Error(`server runs on ${health.store}, not on PostgreSQL`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    databaseUrl,
    proc,
    output: () => out,
    stop,
  } satisfies RunningServer;
}
