import { runInstances } from "./sync.bench";
import type { BenchRow } from "./types";

/** Several instances (PostgreSQL + Redis): cross-instance edit latency against one instance, same run. */
export function run(): Promise<BenchRow[]> {
  return runInstances();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((rows) => {
    for (const r of rows)
      console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (one instance ${r.reference?.value.toFixed(2)})`);
    process.exit(0);
  });
}
