import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { StartupError } from "./db";

/**
 * One server process per data directory. Two processes on the same directory would each keep their own
 * copy of an open document and overwrite each other's stored edits, so the second one must not start.
 *
 * The lock is an exclusive SQLite lock (an operating-system file lock) on `nagare.lock`, held for the life
 * of the process: the system releases it when the process ends in any way, including SIGKILL or a power
 * cut, so a lock is never left behind by a dead process and no process id has to be guessed at. Who holds
 * it (pid, host, since) is written next to it in `nagare.lock.json`, for the message the next process shows.
 */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface DataDirLock {
  /** Holder information left by a process that ended without releasing (recovered). */
  recovered: LockHolder | null;
  release: () => void;
}

const LOCK_FILE = "nagare.lock";
const HOLDER_FILE = "nagare.lock.json";

export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const holderPath = path.join(dataDir, HOLDER_FILE);
  const previous = readHolder(holderPath);
  let lockDb: Database.Database;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    lockDb = new Database(lockPath);
    lockDb.pragma("busy_timeout = 0");
    lockDb.pragma("locking_mode = EXCLUSIVE");
    // The first write takes the exclusive lock; EXCLUSIVE locking mode keeps it until the connection closes.
    lockDb.exec("CREATE TABLE IF NOT EXISTS lock (n INTEGER); INSERT INTO lock VALUES (1); DELETE FROM lock;");
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") throw heldError(dataDir, previous);
    throw new StartupError(
      `データディレクトリに書き込めません（${dataDir}）。ロックファイル ${LOCK_FILE} を作れませんでした`,
      `data directory is not writable (${dataDir}): the lock file ${LOCK_FILE} could not be created`,
      e instanceof Error ? e.message : String(e),
    );
  }
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  fs.writeFileSync(holderPath, `${JSON.stringify(me)}\n`);
  let released = false;
  return {
    // A holder file still present here was left by a process that ended without a clean shutdown.
    recovered: previous,
    release: () => {
      if (released) return;
      released = true;
      try {
        if (readHolder(holderPath)?.pid === me.pid) fs.rmSync(holderPath, { force: true });
      } finally {
        lockDb.close();
      }
    },
  };
}

function heldError(dataDir: string, holder: LockHolder | null): StartupError {
  const who = holder
    ? {
        ja: `プロセス ${holder.pid}（ホスト ${holder.host}、${holder.since} から）`,
        en: `process ${holder.pid} on host ${holder.host} (since ${holder.since})`,
      }
    : { ja: "別のプロセス（詳細不明）", en: "another process (details unknown)" };
  return new StartupError(
    `データディレクトリ ${dataDir} は ${who.ja} が使用中です。同じデータディレクトリで2つのサーバーは動かせません。そのプロセスを止めるか、別の DATA_DIR を指定してください`,
    `the data directory ${dataDir} is in use by ${who.en}. Two servers cannot share one data directory: stop that process or set another DATA_DIR`,
  );
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string" && typeof parsed.since === "string")
      return { pid: parsed.pid, host: parsed.host, since: parsed.since };
  } catch {
    // absent or unreadable: nothing to report
  }
  return null;
}
