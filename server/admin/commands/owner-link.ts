import { addToken, linkFor } from "../../documents";
import { audit } from "../../owners/audit";
import { type AdminCommand, parseArgs, UsageError } from "../command";

/** A fresh owner link for a document, e.g. when the owner left (人事異動) or lost the link. */
export const newOwnerLinkCommand: AdminCommand = {
  name: "new-owner-link",
  usage: "new-owner-link DOC [--label TEXT] [--url https://SERVER]",
  summary: {
    ja: "文書の所有者リンクを新しく発行（人事異動など）",
    en: "issue a fresh owner link of a document (e.g. after a transfer)",
  },
  run: async (args, ctx) => {
    const { positional, options } = parseArgs(args, ["label", "url"]);
    const [docId] = positional;
    if (!docId || positional.length > 1) throw new UsageError("文書 ID を 1 つ指定してください / give one document id");
    const doc = await ctx.store.getDocument(docId);
    if (!doc) {
      ctx.io.err(`文書がありません / no such document: ${docId}\n`);
      return 1;
    }
    const label = (options.label ?? "管理者が発行").slice(0, 80);
    const created = await addToken(ctx.store, docId, "owner", label);
    await audit(ctx, null, "admin.owner-link", {
      docId,
      actor: { role: "admin" },
      target: created.shareId,
      detail: label,
    });
    const base = (options.url ?? "").replace(/\/+$/, "");
    ctx.io.out(`${base}${linkFor(docId, created.token, "owner")}\n`);
    ctx.io.err(
      `所有者リンクを発行しました（リンク ID ${created.shareId}）。このリンクは今だけ表示されます。受け取る人に安全な方法で渡してください。${
        base ? "" : "先頭にサーバーのアドレスを付けてください（--url）。"
      }${doc.deleted_at !== null ? " 文書はごみ箱にあります。" : ""}\n` +
        `Owner link issued (link id ${created.shareId}); it is shown only now — pass it on safely.${
          base ? "" : " Prefix the server's address (--url)."
        }${doc.deleted_at !== null ? " The document is in the trash." : ""}\n`,
    );
    return 0;
  },
};
