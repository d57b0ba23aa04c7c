import fs from "node:fs";
import path from "node:path";

/**
 * What is built and whether it is current. The app (`dist/`, vite) and the server with the command line
 * (`build/`, esbuild) each have a stamp written after a successful build; a part is out of date when a
 * source file it is made from is newer than its stamp.
 */
export const ROOT = path.resolve(import.meta.dirname, "..");
export const BUILD_DIR = path.join(ROOT, "build");

const INPUTS = {
  app: ["src", "index.html", "public", "vite.config.ts", "package.json"],
  server: ["src", "server", "package.json", "scripts/build-server.mjs"],
};
const OUTPUTS = {
  app: [path.join(ROOT, "dist", "index.html")],
  server: ["server.mjs", "render-worker.mjs", "cli.mjs", "admin.mjs"].map((f) => path.join(BUILD_DIR, f)),
};
const stampFile = (part) => path.join(BUILD_DIR, `${part}.stamp`);

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

/** The part was built and nothing it is made from changed since. */
export function isCurrent(part) {
  if (!OUTPUTS[part].every((f) => fs.existsSync(f))) return false;
  let stamp;
  try {
    stamp = fs.statSync(stampFile(part)).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS[part].every((p) => newest(path.join(ROOT, p)) <= stamp);
}

export function isBuilt(part) {
  return OUTPUTS[part].every((f) => fs.existsSync(f));
}

export function markBuilt(part) {
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  fs.writeFileSync(stampFile(part), `${new Date().toISOString()}\n`);
}

/** The build tools are development dependencies: absent after `npm ci --omit=dev`. */
export function buildToolsInstalled() {
  return ["vite", "esbuild"].every((p) => fs.existsSync(path.join(ROOT, "node_modules", p, "package.json")));
}
