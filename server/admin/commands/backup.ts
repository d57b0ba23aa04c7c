import fs from "node:fs";
import path from "node:path";
import { audit } from "../../owners/audit";
import { SqliteStore } from "../../store/sqlite";
import { type AdminCommand, parseArgs, UsageError } from "../command";

/**
 * An online backup of the SQLite file (SQLite's backup API: consistent while the server runs and writes).
 * Written beside the target and renamed into place, so a file of that name is always a whole backup.
 */
export const backupCommand: AdminCommand = {
  name: "backup",
  usage: "backup FILE [--force]",
  summary: { ja: "動作中のまま SQLite をバックアップ", en: "online backup of the SQLite database" },
  run: async (args, ctx) => {
    const { positional, set } = parseArgs(args, [], ["force"]);
    const [file] = positional;
    if (!file || positional.length > 1)
      throw new UsageError("バックアップ先のファイルを 1 つ指定してください / give one file");
    if (!(ctx.store instanceof SqliteStore)) {
      ctx.io.err(
        "この保存先は SQLite ではありません。PostgreSQL は pg_dump でバックアップしてください / the store is not SQLite; back up PostgreSQL with pg_dump\n",
      );
      return 1;
    }
    const target = path.resolve(file);
    if (fs.existsSync(target) && !set.has("force")) {
      ctx.io.err(`ファイルが既にあります（上書きは --force）/ the file exists (overwrite with --force): ${target}\n`);
      return 1;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.partial`;
    try {
      const { totalPages } = await ctx.store.raw.backup(tmp);
      fs.renameSync(tmp, target);
      const bytes = fs.statSync(target).size;
      await audit(ctx, null, "admin.backup", { actor: { role: "admin" }, detail: `${target} (${bytes} bytes)` });
      ctx.io.out(
        `バックアップしました / backed up: ${target}（${(bytes / 1048576).toFixed(1)} MiB, ${totalPages} pages）\n`,
      );
      return 0;
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      ctx.io.err(`バックアップできません / backup failed: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  },
};
