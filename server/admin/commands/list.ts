import { type AdminCommand, localTime, parseArgs } from "../command";

/** Every document: title, 事務, size, links, owner keys, last activity; trashed ones marked. */
export const listCommand: AdminCommand = {
  name: "list",
  usage: "list [--json]",
  summary: {
    ja: "文書の一覧（大きさ・リンク・所有者キー・最終更新）",
    en: "documents with size, links, owner keys, last activity",
  },
  run: async (args, { store, io }) => {
    const { set } = parseArgs(args, [], ["json"]);
    const docs = await store.owners.documentOverview();
    if (set.has("json")) {
      io.out(`${JSON.stringify(docs, null, 2)}\n`);
      return 0;
    }
    io.out(
      "ID\t最終更新 last activity\t大きさ size\t版 versions\tリンク links (owner/edit/view)\t所有者キー keys\t状態 state\t表題 title（事務 jimu）\n",
    );
    for (const d of docs)
      io.out(
        [
          d.id,
          localTime(d.updatedAt),
          `${(d.bytes / 1024).toFixed(1)} KiB`,
          d.versions,
          `${d.links.owner}/${d.links.edit}/${d.links.view}`,
          d.keys,
          d.deletedAt === null ? "-" : `ごみ箱 trash ${localTime(d.deletedAt)}`,
          `${d.title || "（無題 untitled）"}${d.jimuName ? `（${d.jimuName}）` : ""}`,
        ].join("\t") + "\n",
      );
    const total = docs.reduce((n, d) => n + d.bytes, 0);
    io.out(
      `${docs.length} 件、計 ${(total / 1048576).toFixed(1)} MiB / ${docs.length} documents, ${(total / 1048576).toFixed(1)} MiB\n`,
    );
    return 0;
  },
};
