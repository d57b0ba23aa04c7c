import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { BenchRow } from "./types";

/** Size of the production bundle (dist/, built by bench/run.ts), raw and gzip, and what the first load fetches. */
export async function run(): Promise<BenchRow[]> {
  const dist = path.resolve(import.meta.dirname, "../dist");
  const dir = path.join(dist, "assets");
  const gzipOf = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  let raw = 0;
  let gz = 0;
  let js = 0;
  for (const f of fs.readdirSync(dir)) {
    raw += fs.statSync(path.join(dir, f)).size;
    const g = gzipOf(path.join(dir, f));
    gz += g;
    if (f.endsWith(".js")) js += g;
  }
  // The first load: the entry script and the chunks index.html preloads; panels and the layout worker come later.
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const entry = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  const firstLoad = first.reduce((sum, f) => sum + gzipOf(path.join(dist, f)), 0);
  return [
    {
      area: "bundle",
      name: "first load (entry + preloaded chunks + CSS), gzip",
      value: firstLoad / 1024,
      unit: "KiB",
      target: "< 305",
    },
    {
      area: "bundle",
      name: "entry script, gzip",
      value: entry ? gzipOf(path.join(dist, entry)) / 1024 : Number.NaN,
      unit: "KiB",
      target: "< 205",
    },
    {
      area: "bundle",
      name: "all production assets (incl. layout worker, panels), gzip",
      value: gz / 1024,
      unit: "KiB",
      target: "< 1024",
    },
    { area: "bundle", name: "of which JavaScript, gzip", value: js / 1024, unit: "KiB" },
    { area: "bundle", name: "all production assets, raw", value: raw / 1024, unit: "KiB" },
  ];
}
