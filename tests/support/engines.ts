import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Throwaway PostgreSQL and Redis servers from Debian's packages (`postgresql`, `redis-server`), each in a
 * temporary directory on a free port, never the system's own instances. PostgreSQL refuses to run as
 * root: as root, it runs as the `postgres` user the package creates (via setpriv, so that the child
 * process is the server itself and a signal reaches it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error("PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)");
  return path.join(base, versions[0], "bin");
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the unprivileged `postgres` user when we are root. */
function pgCommand(program: string, args: string[]): [string, string[]] {
  const bin = path.join(postgresBin(), program);
  return asRoot
    ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", bin, ...args]]
    : [bin, args];
}

async function waitForPort(port: number, proc: ChildProcess, output: () => string, what: string): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${what} exited:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() - start > 30_000) throw new Error(`${what} did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Engine {
  port: number;
  url: string;
  dir: string;
  output: () => string;
  /** Stops the server (SIGKILL: as if the machine failed; otherwise a clean, fast shutdown). */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts it again on the same port and data. */
  start: () => Promise<void>;
}

/** Engines still running when the test process exits are killed with it (one listener for all of them). */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
});

function supervise(
  command: () => [string, string[]],
  port: number,
  what: string,
  dir: string,
  ready: () => Promise<void> = async () => {},
) {
  let proc: ChildProcess | null = null;
  let out = "";
  const start = async () => {
    const [cmd, args] = command();
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    proc = p;
    running.add(p);
    p.once("exit", () => running.delete(p));
    p.stdout?.on("data", (d) => (out += d));
    p.stderr?.on("data", (d) => (out += d));
    await waitForPort(port, p, () => out, what);
    await ready();
  };
  const stop = (signal: NodeJS.Signals = "SIGINT") =>
    new Promise<void>((resolve) => {
      const p = proc;
      if (!p || p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once("exit", () => resolve());
      p.kill(signal);
    });
  return { start, stop, output: () => out, dir };
}

/** A PostgreSQL cluster of its own (fsync off: it is thrown away; commits still wait for the server). */
export async function startPostgres(): Promise<Engine & { createDatabase: (name: string) => Promise<string> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const [initCmd, initArgs] = pgCommand("initdb", [
    "-D",
    data,
    "-U",
    "nagare",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  const port = await freePort();
  const url = `postgres://nagare@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import("pg");
  // The port opens before the server accepts sessions ("the database system is starting up").
  const acceptsSessions = async () => {
    const start = Date.now();
    for (;;) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.query("SELECT 1");
        return;
      } catch (e) {
        if (Date.now() - start > 30_000) throw e;
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        await client.end().catch(() => {});
      }
    }
  };
  const engine = supervise(
    () =>
      pgCommand("postgres", [
        "-D",
        data,
        "-p",
        String(port),
        "-k",
        dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=200",
      ]),
    port,
    "PostgreSQL",
    dir,
    acceptsSessions,
  );
  await engine.start();
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
    } finally {
      await client.end();
    }
    return `postgres://nagare@127.0.0.1:${port}/${name}`;
  };
  return { ...engine, port, url, createDatabase };
}

/** A Redis server of its own, keeping nothing on disk. */
export async function startRedis(): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-redis-"));
  const port = await freePort();
  const engine = supervise(
    () => [
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    ],
    port,
    "Redis",
    dir,
  );
  await engine.start();
  return { ...engine, port, url: `redis://127.0.0.1:${port}` };
}
