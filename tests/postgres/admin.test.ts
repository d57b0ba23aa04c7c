import { serversOnPostgres } from "../support/server";

// tests/server/admin.test.ts with every server on PostgreSQL (see tests/postgres/README.md).
serversOnPostgres();
await import("../server/admin.test");
