import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchContext, BenchModule, BenchRow } from "./types";

/**
 * `npm run bench`: builds the app, the server and the CLI, runs every `bench/*.bench.ts` in turn and prints one table of figures,
 * with the ratio to a reference measured in the same run where there is one. Results are also written to
 * bench/results/latest.{json,md}. Pass area names to run only those (e.g. `npm run bench -- rules render`).
 * Each area has at most AREA_LIMIT_MS (it is told its deadline); the whole run at most RUN_LIMIT_MS.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const AREA_LIMIT_MS = 9 * 60 * 1000;
const RUN_LIMIT_MS = 30 * 60 * 1000;

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

async function main() {
  const started = Date.now();
  // The app (vite) and the compiled server and CLI (esbuild); the startup figures compare the latter with tsx.
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit" });
  const files = fs
    .readdirSync(path.join(ROOT, "bench"))
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, "")))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const area = file.replace(/\.bench\.ts$/, "");
    if (Date.now() - started > RUN_LIMIT_MS) {
      rows.push({ area, name: "skipped: time budget used up", value: Number.NaN, unit: "" });
      continue;
    }
    const t0 = Date.now();
    process.stdout.write(`running ${area} … `);
    // An area that hangs is stopped at the budget's end (its leftovers end with the process), and the run goes on.
    const left = Math.max(30_000, Math.min(AREA_LIMIT_MS, RUN_LIMIT_MS - (Date.now() - started)));
    let timer: NodeJS.Timeout | undefined;
    const ctx: BenchContext = {
      deadline: Date.now() + left,
      // Rows of each finished case are written at once: a later hang or failure of the area keeps them.
      emit: (got) => {
        rows.push(...got.map((r) => ({ ...r, area: r.area || area })));
        writeResults(rows, started);
      },
    };
    try {
      const mod = (await import(path.join(ROOT, "bench", file))) as BenchModule;
      const got = await Promise.race([
        mod.run(ctx),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(left / 1000)} s`)), left);
        }),
      ]);
      rows.push(...got.map((r) => ({ ...r, area: r.area || area })));
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      console.log("failed");
      rows.push({ area, name: `failed: ${e instanceof Error ? e.message : String(e)}`, value: Number.NaN, unit: "" });
    } finally {
      clearTimeout(timer);
    }
    // Written as it goes: an interrupted run keeps the figures of the areas already measured.
    writeResults(rows, started);
  }
  writeResults(rows, started, true);
  // Benchmarks leave handles (servers, browsers) to their own cleanup; make sure the process ends.
  process.exit(0);
}

function writeResults(rows: BenchRow[], started: number, print = false): void {
  const header = ["area", "figure", "value", "unit", "target", "reference", "ratio"];
  const table = rows.map((r) => [
    r.area,
    r.name,
    fmt(r.value),
    r.unit,
    r.target ?? "",
    r.reference ? `${r.reference.name}: ${fmt(r.reference.value)}` : "",
    r.reference?.value ? `${(r.value / (r.reference?.value ?? 1)).toFixed(2)}×` : "",
  ]);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  if (print) {
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
    console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
    for (const row of table) console.log(line(row));
    console.log(`\nmachine: ${machine}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const outDir = path.join(ROOT, "bench/results");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, "latest.json"),
    JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2),
  );
  const md = [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...table.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`),
  ].join("\n");
  fs.writeFileSync(path.join(outDir, "latest.md"), `machine: ${machine}\n\n${md}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
