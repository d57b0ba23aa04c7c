import http from "node:http";
import { CURRENT_SCHEMA_VERSION } from "../src/model";
import { BadTokenThrottle } from "./auth";
import { configFromEnv } from "./config";
import { lockDataDir } from "./data-lock";
import { StartupError } from "./db";
import { documentRoutes } from "./http/documents-api";
import { ownerRoutes } from "./http/owner-api";
import { profileRoutes } from "./http/profile-api";
import { renderRoutes } from "./http/render-api";
import { sendJson } from "./http/respond";
import { type Ctx, dispatch, type Route } from "./http/router";
import { sharingRoutes } from "./http/sharing-api";
import { templateRoutes } from "./http/templates-api";
import { CreationLimit } from "./limits";
import { purgeTrash } from "./maintenance";
import { RenderPool } from "./render/pool";
import { applySecurityHeaders } from "./security-headers";
import { serveStatic } from "./static";
import { openStore } from "./store/open";
import { Fanout } from "./sync/fanout";
import { Rooms } from "./sync/rooms";
import { attachSync } from "./sync/websocket";

/** Entry point of `npm start`: one process, one port, the built app, the JSON API and the sync. */
const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);

async function start() {
  const config = configFromEnv();
  // The data directory belongs to one process; with PostgreSQL the instances share the database instead.
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir);
  if (lock?.recovered)
    log(
      `lock of process ${lock.recovered.pid} on ${lock.recovered.host} (since ${lock.recovered.since}) recovered: it ended without shutting down`,
    );
  const store = await openStore(config, log);
  // Several instances: fan-out through Redis (server/sync/fanout.ts); PostgreSQL stays the source of truth.
  const fanout = config.redisUrl ? await Fanout.connect(config.redisUrl, log) : null;
  const rooms = new Rooms(store, config, log, undefined, fanout);
  // Per-address limits count the requests of all instances when they share Redis.
  const throttle = new BadTokenThrottle(config.authDelayBaseMs, config.authDelayMaxMs, undefined, undefined, fanout);
  const creations = new CreationLimit(config.createPerMinute, fanout);
  const ctx: Ctx = { store, rooms, config, throttle, creations, log };
  const renders = new RenderPool(config.render, log);
  const routes: Route[] = [
    {
      method: "GET",
      pattern: /^\/api\/health$/,
      handle: (c, { res }) =>
        sendJson(res, 200, {
          ok: true,
          schemaVersion: CURRENT_SCHEMA_VERSION,
          openDocuments: c.rooms.size,
          renders: renders.stats(),
          store: store.kind,
          // Several instances: whether edits reach the others through Redis now (else through PostgreSQL polling).
          fanout: fanout ? (fanout.up ? "redis" : "polling") : null,
        }),
    },
    ...documentRoutes,
    ...sharingRoutes,
    ...templateRoutes,
    ...ownerRoutes,
    ...profileRoutes,
    ...renderRoutes(renders),
  ];

  const server = http.createServer((req, res) => {
    applySecurityHeaders(req, res);
    if ((req.url ?? "").startsWith("/api/")) void dispatch(ctx, routes, req, res);
    else serveStatic(config.staticDir, req, res);
  });
  attachSync(server, { store, rooms, config, throttle, log });

  const purge = () =>
    purgeTrash(store, config.trashDays).then(
      (ids) => ids.length && log(`purged ${ids.length} document(s) from the trash`),
      (e) => log(`purging the trash failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  await purge();
  setInterval(purge, 3_600_000).unref();

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await rooms.closeAll().catch((e) => log(`closing documents failed: ${e instanceof Error ? e.message : String(e)}`));
    await fanout?.close();
    await store.close().catch(() => {});
    lock?.release();
    // Workers stop at once; the timer only guards against one that does not.
    setTimeout(() => process.exit(0), 2000).unref();
    void renders.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());

  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : config.port;
    console.log(`Nagare: http://localhost:${port}  (data: ${store.location})`);
  });
}

start().catch((e) => {
  if (e instanceof StartupError) {
    console.error(`起動できません: ${e.ja}`);
    console.error(`Cannot start: ${e.en}`);
    if (e.detail) console.error(`  (${e.detail})`);
  } else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
