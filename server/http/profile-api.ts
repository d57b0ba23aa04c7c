import { PROFILE_ITEMS, serializeProfile } from "../../src/model";
import { loadProfileText } from "../../src/model/profile";
import { actorOf, audit } from "../owners/audit";
import { requireCredential } from "../owners/credential";
import { DEFAULT_ORG, readProfile } from "../profile";
import { HttpError, readBody, sendJson } from "./respond";
import type { Route } from "./router";

/**
 * The organisation profile (団体の共通回答). Anyone holding a valid link or owner key of this server reads it
 * (documents draw on it); saving it is an owner's action — an owner key, or the owner link of a document —
 * and is written to the audit log. The body of a save is the profile file itself, validated as a whole.
 */
const MAX_PROFILE_BYTES = 2 * 1024 * 1024;

export const profileRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/api\/profile$/,
    handle: async (ctx, { req, res }) => {
      const credential = await requireCredential(ctx, req);
      const stored = await readProfile(ctx.store, ctx.log);
      const canEdit = credential.kind === "key" || credential.token.role === "owner";
      sendJson(res, 200, { ...stored, canEdit });
    },
  },
  {
    method: "PUT",
    pattern: /^\/api\/profile$/,
    handle: async (ctx, { req, res }) => {
      const credential = await requireCredential(ctx, req);
      if (credential.kind === "link" && credential.token.role !== "owner")
        throw new HttpError(
          403,
          "role",
          "団体の共通回答を変えられるのは所有者（所有者リンクまたは所有者キー）だけです",
          "only an owner (an owner link or an owner key) may change the organisation's common answers",
        );
      const body = await readBody(req, MAX_PROFILE_BYTES);
      const loaded = loadProfileText(body.toString("utf8"));
      if (!loaded.ok)
        throw new HttpError(
          422,
          "invalid_profile",
          "団体の共通回答の形式が正しくありません",
          "the organisation profile is not valid",
          { problems: loaded.problems.slice(0, 200) },
        );
      const at = Date.now();
      const actor =
        credential.kind === "key" ? { role: "key" as const, linkId: credential.key.id } : actorOf(credential.token);
      await ctx.store.owners.putProfile({
        org: DEFAULT_ORG,
        body: serializeProfile(loaded.profile),
        updatedAt: at,
        updatedBy: actor?.linkId ?? null,
      });
      const answered = PROFILE_ITEMS.filter((i) => loaded.profile.answers[i.key] !== undefined).length;
      await audit(ctx, req, "profile.update", {
        docId: credential.kind === "link" ? credential.token.doc_id : null,
        actor,
        target: DEFAULT_ORG,
        detail: `${answered}/${PROFILE_ITEMS.length} items, ${loaded.profile.systems.length} systems`,
      });
      sendJson(res, 200, { profile: loaded.profile, updatedAt: at, updatedBy: actor?.linkId ?? null, canEdit: true });
    },
  },
];
