import { serversOnPostgres } from "../support/server";

// tests/server/templates.test.ts with every server on PostgreSQL (see tests/postgres/README.md).
serversOnPostgres();
await import("../server/templates.test");
