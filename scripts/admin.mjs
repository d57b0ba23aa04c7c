import path from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_DIR, buildToolsInstalled, isBuilt, isCurrent } from "./build-state.mjs";

/**
 * `npm run -s admin -- COMMAND …`: the compiled admin commands (build/admin.mjs), rebuilt first when its sources
 * changed and the build tools are installed (esbuild takes about a second).
 */
if (buildToolsInstalled() && !isCurrent("server")) {
  const { buildServer } = await import("./build-server.mjs");
  await buildServer();
} else if (!isBuilt("server")) {
  console.error("ビルドがありません（npm run build）/ there is no build (npm run build)");
  process.exit(1);
}
await import(pathToFileURL(path.join(BUILD_DIR, "admin.mjs")).href);
