import path from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_DIR, buildToolsInstalled, isBuilt, isCurrent } from "./build-state.mjs";

/**
 * `npm start`: runs the compiled server (build/server.mjs). With the development dependencies installed,
 * whatever is out of date is built first; without them (`npm ci --omit=dev`) the existing build is used,
 * and a missing build is explained.
 */
if (buildToolsInstalled()) {
  if (!isCurrent("app") || !isCurrent("server")) {
    const { execFileSync } = await import("node:child_process");
    execFileSync(process.execPath, [path.join(import.meta.dirname, "build.mjs"), "--if-needed"], { stdio: "inherit" });
  }
} else if (!isBuilt("app") || !isBuilt("server")) {
  console.error(
    "起動できません: ビルドがありません。開発用の依存を含めて npm install（または npm ci）し、npm run build を実行してください",
  );
  console.error(
    "Cannot start: there is no build. Run npm install (or npm ci) with the development dependencies, then npm run build",
  );
  process.exit(1);
} else if (!isCurrent("server") || !isCurrent("app")) {
  console.warn(
    "注意: ソースがビルドより新しくなっています（npm run build で更新）/ note: the sources are newer than the build (npm run build updates it)",
  );
}
await import(pathToFileURL(path.join(BUILD_DIR, "server.mjs")).href);
