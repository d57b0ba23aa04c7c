import { execFileSync } from "node:child_process";
import path from "node:path";
import { isCurrent, markBuilt, ROOT } from "./build-state.mjs";

/**
 * `npm run build`: the app (vite → dist/) and the server with the command line (esbuild → build/).
 * `--if-needed` builds only the parts whose sources changed since their last build; `server` or `app`
 * builds only that part.
 */
const args = process.argv.slice(2);
const ifNeeded = args.includes("--if-needed");
const only = args.filter((a) => !a.startsWith("-"));
const wanted = (part) => (only.length === 0 || only.includes(part)) && !(ifNeeded && isCurrent(part));

if (wanted("app")) {
  console.log("building the app (vite) …");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  markBuilt("app");
}
if (wanted("server")) {
  console.log("building the server and the command line (esbuild) …");
  const { buildServer } = await import("./build-server.mjs");
  await buildServer();
}
