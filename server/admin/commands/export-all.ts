import fs from "node:fs";
import path from "node:path";
import { CURRENT_SCHEMA_VERSION, migrate, type NagareDocument, serializeDocument } from "../../../src/model";
import { ROOT_KEY, readModelTolerant, readRaw } from "../../../src/sync/doc-shape";
import { fileNameFor } from "../../documents";
import { audit } from "../../owners/audit";
import { buildState } from "../../sync/persistence";
import { writeModelDiff } from "../../sync/restore";
import { type AdminCommand, parseArgs, UsageError } from "../command";

/** Every document as a `*.nagare.json` file (what its download gives), plus an index of what was written. */
export const exportAllCommand: AdminCommand = {
  name: "export-all",
  usage: "export-all DIR [--include-trash]",
  summary: { ja: "すべての文書を .nagare.json に書き出す", en: "export every document as .nagare.json" },
  run: async (args, ctx) => {
    const { positional, set } = parseArgs(args, [], ["include-trash"]);
    const [dir] = positional;
    if (!dir || positional.length > 1)
      throw new UsageError("書き出し先のフォルダを 1 つ指定してください / give one folder");
    fs.mkdirSync(dir, { recursive: true });
    const docs = (await ctx.store.owners.documentOverview()).filter(
      (d) => d.deletedAt === null || set.has("include-trash"),
    );
    const index: { id: string; file: string | null; title: string; dropped?: number; error?: string }[] = [];
    let failed = 0;
    for (const d of docs) {
      try {
        const state = buildState(d.id, await ctx.store.loadContent(d.id));
        // A document stored under an older schema and not opened since is migrated here too, in memory only
        // (the server migrates and rewrites it when it is next opened).
        const version = state.doc.getMap<unknown>(ROOT_KEY).get("schemaVersion");
        if (typeof version === "number" && version < CURRENT_SCHEMA_VERSION) {
          const migrated = migrate(readRaw(state.doc));
          if (migrated.ok) writeModelDiff(state.doc, migrated.doc as unknown as NagareDocument);
        }
        const { doc, dropped } = readModelTolerant(state.doc);
        state.doc.destroy();
        // The id keeps names unique; the title makes them readable.
        const file = `${d.id}_${fileNameFor(doc, d.id)}`;
        fs.writeFileSync(path.join(dir, file), serializeDocument(doc));
        index.push({ id: d.id, file, title: d.title, ...(dropped.length ? { dropped: dropped.length } : {}) });
        if (dropped.length)
          ctx.io.err(
            `${d.id}: 読めない要素 ${dropped.length} 件は含まれていません / ${dropped.length} unreadable element(s) left out\n`,
          );
      } catch (e) {
        failed++;
        const error = e instanceof Error ? e.message : String(e);
        index.push({ id: d.id, file: null, title: d.title, error });
        ctx.io.err(`${d.id}: 書き出せません / cannot export (${error})\n`);
      }
    }
    fs.writeFileSync(
      path.join(dir, "index.json"),
      `${JSON.stringify({ exportedAt: ctx.now(), documents: index }, null, 2)}\n`,
    );
    await audit(ctx, null, "admin.export-all", {
      actor: { role: "admin" },
      detail: `${index.length - failed} documents → ${path.resolve(dir)}`,
    });
    ctx.io.out(
      `${index.length - failed} 件を書き出しました（${path.resolve(dir)}）/ exported ${index.length - failed} document(s)${
        failed ? `; 失敗 failed ${failed}` : ""
      }\n`,
    );
    return failed ? 1 : 0;
  },
};
