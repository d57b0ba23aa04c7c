import { LIMITS } from "../../src/model";
import { readDocumentModel } from "../documents";
import { actorOf, audit } from "../owners/audit";
import { optionalCredential, requireCredential } from "../owners/credential";
import { builtinTemplates, organizationTemplates, publication, publicationInfo, publishTemplate } from "../templates";
import { HttpError, readJson, sendJson, str } from "./respond";
import { authorize, type Ctx, type Route } from "./router";

const ID = "([A-Za-z0-9_-]{1,64})";

/**
 * Templates. Built-in ones are open; the organisation's own are listed only to holders of a valid link
 * or owner key of this server. Publishing, renaming and withdrawing belong to the owner of the document
 * a template was published from.
 */
async function ownerOfPublication(ctx: Ctx, call: Parameters<Route["handle"]>[1]) {
  await requireCredential(ctx, call.req);
  const t = await publication(ctx, call.params[0] as string);
  if (!t.docId)
    throw new HttpError(
      403,
      "role",
      "このひな形は発行元の文書が記録されていないため、管理者だけが変更できます",
      "this template has no recorded source document; only the administrator can change it",
    );
  const token = await authorize(ctx, call.req, t.docId, "owner");
  return { t, token };
}

export const templateRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/api\/templates$/,
    handle: async (ctx, { req, res }) => {
      const credential = await optionalCredential(ctx, req);
      const builtin = builtinTemplates(ctx).map((t) => t.info);
      const org = credential ? await organizationTemplates(ctx) : [];
      sendJson(res, 200, { templates: [...builtin, ...org], organization: credential ? "listed" : "needs_link" });
    },
  },
  {
    method: "POST",
    pattern: /^\/api\/templates$/,
    handle: async (ctx, { req, res }) => {
      const body = await readJson(req);
      const docId = str(body.documentId, "documentId", 64);
      const token = await authorize(ctx, req, docId, "owner");
      const { doc: model } = await readDocumentModel(ctx, docId);
      const title = str(body.title, "title", LIMITS.labelChars, model.title || model.meta.jimuName || docId).trim();
      if (!title)
        throw new HttpError(400, "bad_field", "ひな形の名前を入れてください", "a template needs a name", {
          path: "title",
        });
      const info = await publishTemplate(ctx, docId, token, model, title);
      await audit(ctx, req, "template.publish", { docId, actor: actorOf(token), target: info.id, detail: title });
      sendJson(res, 201, info);
    },
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^/api/templates/${ID}$`),
    handle: async (ctx, call) => {
      const { t, token } = await ownerOfPublication(ctx, call);
      const body = await readJson(call.req);
      const title = str(body.title, "title", LIMITS.labelChars).trim();
      if (!title)
        throw new HttpError(400, "bad_field", "ひな形の名前を入れてください", "a template needs a name", {
          path: "title",
        });
      const at = Date.now();
      await ctx.store.owners.renameTemplate(t.id, title, at);
      await audit(ctx, call.req, "template.rename", {
        docId: t.docId,
        actor: actorOf(token),
        target: `org-${t.id}`,
        detail: title,
      });
      sendJson(call.res, 200, publicationInfo({ ...t, title, updatedAt: at }));
    },
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^/api/templates/${ID}$`),
    handle: async (ctx, call) => {
      const { t, token } = await ownerOfPublication(ctx, call);
      await ctx.store.owners.deleteTemplate(t.id);
      await audit(ctx, call.req, "template.delete", {
        docId: t.docId,
        actor: actorOf(token),
        target: `org-${t.id}`,
        detail: t.title,
      });
      sendJson(call.res, 200, { id: `org-${t.id}`, deleted: true });
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/api/documents/${ID}/templates$`),
    role: "owner",
    handle: async (ctx, { res, docId }) => {
      const list = await ctx.store.owners.templatesOf(docId);
      sendJson(res, 200, { templates: list.map(publicationInfo) });
    },
  },
];
