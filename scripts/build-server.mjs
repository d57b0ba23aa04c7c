import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";
import { BUILD_DIR, markBuilt, ROOT } from "./build-state.mjs";

/**
 * Compiles the server, its render worker, the command line and the admin commands to plain JavaScript in `build/` (one file
 * each; packages stay imports from node_modules). Every package the output imports must be a runtime
 * dependency in package.json, so that `npm ci --omit=dev` installs all the compiled code needs.
 */
export async function buildServer() {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      server: "server/main.ts",
      "render-worker": "server/render/worker.ts",
      cli: "src/cli/bin.ts",
      admin: "server/admin/bin.ts",
    },
    outdir: BUILD_DIR,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Shared code and what the CLI loads on demand (PDF, Word) go to chunks beside the entries, so that a
    // command loads only what it uses; chunks stay in build/ itself so that relative URLs keep working.
    splitting: true,
    chunkNames: "chunk-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    write: false,
  });
  // The esbuild service would otherwise keep a short-lived caller (the CLI wrapper) waiting.
  await esbuild.stop();
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
  const builtins = new Set(builtinModules);
  const wrong = new Set();
  for (const out of Object.values(result.metafile.outputs))
    for (const imp of out.imports) {
      if (!imp.external || imp.path.startsWith("node:") || builtins.has(imp.path)) continue;
      const parts = imp.path.split("/");
      const name = imp.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
      if (!runtime.has(name)) wrong.add(name);
    }
  if (wrong.size > 0)
    throw new Error(
      `実行時に必要なパッケージが dependencies にありません / the compiled code imports packages that are not runtime dependencies: ${[...wrong].join(", ")}`,
    );
  // Each file is replaced whole (write, then rename), so a process starting meanwhile never reads half a file;
  // chunks are named by content, so a new build adds its own and the previous build's stay readable.
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  for (const file of result.outputFiles) {
    if (fs.existsSync(file.path) && path.basename(file.path).startsWith("chunk-")) continue;
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  // Chunks of builds older than an hour are no longer used by any running process worth keeping.
  const current = new Set(result.outputFiles.map((f) => path.basename(f.path)));
  for (const name of fs.readdirSync(BUILD_DIR))
    if (name.startsWith("chunk-") && !current.has(name)) {
      const file = path.join(BUILD_DIR, name);
      if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
    }
  markBuilt("server");
  return Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".mjs"));
}
