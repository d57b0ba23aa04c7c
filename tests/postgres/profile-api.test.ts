import { serversOnPostgres } from "../support/server";

// tests/server/profile-api.test.ts with every server on PostgreSQL (see tests/postgres/README.md).
serversOnPostgres();
await import("../server/profile-api.test");
