import { serversOnPostgres } from "../support/server";

// tests/server/api.test.ts with every server on PostgreSQL (see tests/postgres/README.md).
serversOnPostgres();
await import("../server/api.test");
