import { serversOnPostgres } from "../support/server";

// tests/server/owner-keys.test.ts with every server on PostgreSQL (see tests/postgres/README.md).
serversOnPostgres();
await import("../server/owner-keys.test");
