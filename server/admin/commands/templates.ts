import { audit } from "../../owners/audit";
import { type AdminCommand, localTime, parseArgs, UsageError } from "../command";

/** The organisation's templates with who published them, and their removal by the operator. */
export const templatesCommand: AdminCommand = {
  name: "templates",
  usage: "templates",
  summary: { ja: "自組織のひな形と発行元", en: "organisation templates and who published them" },
  run: async (args, { store, io }) => {
    parseArgs(args, []);
    for (const t of await store.owners.listTemplates())
      io.out(
        [
          `org-${t.id}`,
          localTime(t.createdAt),
          t.docId ?? "（発行元の記録なし no recorded source）",
          t.publishedBy ?? "-",
          t.title,
        ].join("\t") + "\n",
      );
    return 0;
  },
};

export const deleteTemplateCommand: AdminCommand = {
  name: "delete-template",
  usage: "delete-template org-ID",
  summary: { ja: "自組織のひな形を削除", en: "remove an organisation template" },
  run: async (args, ctx) => {
    const { positional } = parseArgs(args, []);
    const [id] = positional;
    if (!id || positional.length > 1) throw new UsageError("ひな形 ID を 1 つ指定してください / give one template id");
    const raw = id.replace(/^org-/, "");
    const t = await ctx.store.owners.getTemplate(raw);
    if (!t || !(await ctx.store.owners.deleteTemplate(raw))) {
      ctx.io.err(`ひな形がありません / no such template: ${id}\n`);
      return 1;
    }
    await audit(ctx, null, "admin.template-delete", {
      docId: t.docId,
      actor: { role: "admin" },
      target: `org-${raw}`,
      detail: t.title,
    });
    ctx.io.out(`削除しました / removed: org-${raw}「${t.title}」\n`);
    return 0;
  },
};
