// Loaded with --import into a measured process: on exit, writes its CPU time (all threads, µs) to stderr.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\nnagare-cpu-us ${user + system}\n`);
});
