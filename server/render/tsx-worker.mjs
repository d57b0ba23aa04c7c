// Runs the render worker from TypeScript source (development, tests): registers tsx in this thread, then
// loads worker.ts. The compiled build does not use this file (see pool.ts).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
