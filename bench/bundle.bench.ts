import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { BenchRow } from "./types";

/** Size of the production bundle (dist/, built by bench/run.ts), raw and gzip. */
export async function run(): Promise<BenchRow[]> {
  const dir = path.resolve(import.meta.dirname, "../dist/assets");
  let raw = 0;
  let gz = 0;
  let js = 0;
  for (const f of fs.readdirSync(dir)) {
    const buf = fs.readFileSync(path.join(dir, f));
    raw += buf.length;
    const g = zlib.gzipSync(buf, { level: 9 }).length;
    gz += g;
    if (f.endsWith(".js")) js += g;
  }
  return [
    { area: "bundle", name: "production assets, gzip", value: gz / 1024, unit: "KiB", target: "< 1024" },
    { area: "bundle", name: "of which JavaScript, gzip", value: js / 1024, unit: "KiB" },
    { area: "bundle", name: "production assets, raw", value: raw / 1024, unit: "KiB" },
  ];
}
