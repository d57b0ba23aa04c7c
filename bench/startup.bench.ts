import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { startServer } from "../tests/support/server";
import type { BenchRow } from "./types";

/**
 * Start-up time of the command line and memory of an idle server, from TypeScript source through tsx (how
 * development runs) and compiled (`build/`, how `npm start` and `npm run -s cli` run), in the same run.
 * bench/run.ts builds first.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const exec = promisify(execFile);

const CPU = ["--import", path.join(ROOT, "bench/cpu-report.mjs")];
const SOURCE_CLI = [...CPU, "--import", "tsx", path.join(ROOT, "src/cli/main.ts")];
const COMPILED_CLI = [...CPU, path.join(ROOT, "build/cli.mjs")];
const WRAPPED_CLI = [...CPU, path.join(ROOT, "scripts/cli.mjs")];
const SOURCE_SERVER = ["--import", "tsx", path.join(ROOT, "server/main.ts")];
const COMPILED_SERVER = [path.join(ROOT, "build/server.mjs")];

/**
 * Median wall time and CPU time (all threads; less sensitive to a busy machine) of `node ARGS validate FILE`,
 * after one warm-up run (tsx's transform cache, the OS file cache).
 */
async function cliTimes(args: string[], file: string, runs: number): Promise<{ ms: number; cpuMs: number }> {
  await exec(process.execPath, [...args, "validate", file], { cwd: ROOT });
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const { stderr } = await exec(process.execPath, [...args, "validate", file], { cwd: ROOT });
    times.push(performance.now() - t);
    cpu.push(Number(/nagare-cpu-us (\d+)/.exec(stderr)?.[1]) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { ms: median(times), cpuMs: median(cpu) };
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Starts the server, serves the page and /api/health once, then reads its RSS when it has settled. */
async function idleServer(entry: string[]): Promise<{ startMs: number; rss: number }> {
  const t = performance.now();
  const server = await startServer({ entry });
  const startMs = performance.now() - t;
  try {
    await (await fetch(`${server.url}/`)).text();
    await (await fetch(`${server.url}/api/health`)).text();
    const pid = server.proc.pid as number;
    // Settled: two readings a quarter second apart within 1 %, or after five seconds.
    let last = rssMiB(pid);
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const now = rssMiB(pid);
      if (Math.abs(now - last) <= last * 0.01) return { startMs, rss: now };
      last = now;
    }
    return { startMs, rss: last };
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const file = path.join(ROOT, "templates", "tokyo-toei-jutaku.nagare.json");
  const source = await cliTimes(SOURCE_CLI, file, 3);
  const compiled = await cliTimes(COMPILED_CLI, file, 5);
  const wrapped = await cliTimes(WRAPPED_CLI, file, 5);
  const tsxServer = await idleServer(SOURCE_SERVER);
  const builtServer = await idleServer(COMPILED_SERVER);
  const fromSource = (value: number) => ({ name: "from source (tsx)", value });
  return [
    { area: "startup", name: "CLI `validate` (a template), from source through tsx", value: source.ms, unit: "ms" },
    {
      area: "startup",
      name: "CLI `validate` (a template), compiled build/cli.mjs",
      value: compiled.ms,
      unit: "ms",
      target: "< 1000",
      reference: fromSource(source.ms),
    },
    {
      area: "startup",
      name: "CLI as `npm run -s cli` starts it (scripts/cli.mjs: build check + build/cli.mjs; npm not counted)",
      value: wrapped.ms,
      unit: "ms",
      reference: fromSource(source.ms),
    },
    { area: "startup", name: "CLI CPU time, from source through tsx", value: source.cpuMs, unit: "ms" },
    {
      area: "startup",
      name: "CLI CPU time, compiled",
      value: compiled.cpuMs,
      unit: "ms",
      reference: fromSource(source.cpuMs),
    },
    {
      area: "startup",
      name: "server start to listening, from source through tsx",
      value: tsxServer.startMs,
      unit: "ms",
    },
    {
      area: "startup",
      name: "server start to listening, compiled build/server.mjs",
      value: builtServer.startMs,
      unit: "ms",
      reference: fromSource(tsxServer.startMs),
    },
    { area: "startup", name: "idle server memory (RSS), from source through tsx", value: tsxServer.rss, unit: "MiB" },
    {
      area: "startup",
      name: "idle server memory (RSS), compiled build/server.mjs",
      value: builtServer.rss,
      unit: "MiB",
      target: "< 120",
      reference: fromSource(tsxServer.rss),
      note: "render workers start on the first render and leave when idle (RENDER_IDLE_MS)",
    },
  ];
}
