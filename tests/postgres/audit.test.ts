import { serversOnPostgres } from "../support/server";

// tests/server/audit.test.ts with every server on PostgreSQL (see tests/postgres/README.md).
serversOnPostgres();
await import("../server/audit.test");
