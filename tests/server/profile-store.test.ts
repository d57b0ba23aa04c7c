import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPostgresStore } from "../../server/store/postgres";
import { openSqliteStore } from "../../server/store/sqlite";
import type { Store } from "../../server/store/store";
import { type Engine, startPostgres } from "../support/engines";

/** The organisation profile in both stores: the embedded SQLite file and PostgreSQL. */
let postgres: (Engine & { createDatabase: (name: string) => Promise<string> }) | null = null;

beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

const kinds: [string, () => Promise<Store>][] = [
  ["sqlite", async () => openSqliteStore(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-profile-store-")))],
  [
    "postgres",
    async () => openPostgresStore(await (postgres as NonNullable<typeof postgres>).createDatabase("profiles")),
  ],
];

describe.each(kinds)("organisation profile store: %s", (_kind, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  test("none at first; saved, replaced, and kept per organisation", async () => {
    expect(await store.owners.getProfile("default")).toBeUndefined();
    await store.owners.putProfile({ org: "default", body: '{"a":1}', updatedAt: 10, updatedBy: "L1" });
    expect(await store.owners.getProfile("default")).toEqual({
      org: "default",
      body: '{"a":1}',
      updatedAt: 10,
      updatedBy: "L1",
    });
    await store.owners.putProfile({ org: "default", body: '{"a":2}', updatedAt: 20, updatedBy: null });
    await store.owners.putProfile({ org: "other", body: '{"b":1}', updatedAt: 30, updatedBy: "K1" });
    expect(await store.owners.getProfile("default")).toMatchObject({ body: '{"a":2}', updatedAt: 20, updatedBy: null });
    expect((await store.owners.getProfile("other"))?.body).toBe('{"b":1}');
  });
});
