import os from "node:os";
import { describe, expect, test } from "vitest";
import { startServer } from "../support/server";
import { api, createDoc } from "./support";

describe("one server per data directory", () => {
  test("a second process on the same DATA_DIR refuses to start, naming the holder; a killed holder's lock is recovered", async () => {
    const first = await startServer({ store: "sqlite" });
    const doc = await createDoc(first.url, { title: "ロック" });
    try {
      const second = await startServer({ dataDir: first.dataDir, store: "sqlite" }).then(
        async (s) => {
          await s.stop();
          return "started";
        },
        (e: Error) => e.message,
      );
      expect(second).toMatch(/exited with 1/);
      expect(second).toContain(`起動できません: データディレクトリ ${first.dataDir} は プロセス ${first.proc.pid}`);
      expect(second).toContain(
        `Cannot start: the data directory ${first.dataDir} is in use by process ${first.proc.pid}`,
      );
      expect(second).toContain(`on host ${os.hostname()} (since 20`);
      // The first process is unaffected.
      expect((await api(first.url, `/api/documents/${doc.id}`, { token: doc.token })).status).toBe(200);
    } finally {
      await first.stop("SIGKILL");
    }
    // The killed process released its lock with its life: the next start recovers it and sees the data.
    const next = await startServer({ dataDir: first.dataDir, store: "sqlite" });
    try {
      expect(next.output()).toContain(`lock of process ${first.proc.pid} on ${os.hostname()}`);
      expect((await api(next.url, `/api/documents/${doc.id}`, { token: doc.token })).body.title).toBe("ロック");
    } finally {
      await next.stop();
    }
    // A clean shutdown leaves nothing to recover.
    const after = await startServer({ dataDir: first.dataDir, store: "sqlite" });
    try {
      expect(after.output()).not.toContain("recovered");
    } finally {
      await after.stop();
    }
  }, 120_000);
});
