import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A small real filesystem that can be filled: a tmpfs of a few MiB mounted on a temporary directory
 * (needs the right to mount, as on the test machine, where the tests run as root).
 */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the filesystem answers ENOSPC; returns the bytes written. */
  fill: () => number;
  /** Removes the filler. */
  free: () => void;
  unmount: () => void;
}

export function mountSmallDisk(sizeMiB: number): SmallDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-disk-"));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMiB}m`, "tmpfs", dir], { encoding: "utf8" });
  if (r.status !== 0)
    throw new Error(`cannot mount a tmpfs for the full-disk test (needs root): ${r.stderr || r.error?.message}`);
  const filler = path.join(dir, "filler.bin");
  return {
    dir,
    fill: () => {
      const fd = fs.openSync(filler, "a");
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let written = 0;
      try {
        for (;;) written += fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
      }
      // The last partial block too, so that not even one page is left.
      try {
        for (;;) written += fs.writeSync(fd, Buffer.alloc(512, 0x61));
      } catch {
        // full
      }
      fs.closeSync(fd);
      return written;
    },
    free: () => fs.rmSync(filler, { force: true }),
    unmount: () => {
      spawnSync("umount", [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
