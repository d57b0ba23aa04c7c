import * as Y from "yjs";
import { LIMITS } from "../../src/model";
import { readModelTolerant } from "../../src/sync/doc-shape";
import { newId } from "../auth";
import type { Role } from "../db";
import { addToken, changeLive, damaged } from "../documents";
import { actorOf, audit, auditRead } from "../owners/audit";
import { DamagedDocumentError } from "../sync/persistence";
import { LINK_REVOKED } from "../sync/protocol";
import { writeModelDiff } from "../sync/restore";
import { CLOSE } from "../sync/websocket";
import { HttpError, readJson, sendJson, str } from "./respond";
import type { Ctx, Route } from "./router";

const ID = "([A-Za-z0-9_-]{1,64})";
const doc = (rest = "") => new RegExp(`^/api/documents/${ID}${rest}$`);

async function currentState(ctx: Ctx, docId: string): Promise<Uint8Array> {
  try {
    return await ctx.rooms.read(docId, (d) => Y.encodeStateAsUpdate(d));
  } catch (e) {
    if (e instanceof DamagedDocumentError) throw damaged(ctx, e);
    throw e;
  }
}

async function versionDoc(ctx: Ctx, docId: string, versionId: string): Promise<{ ydoc: Y.Doc; name: string }> {
  const row = await ctx.store.versionState(docId, versionId);
  if (!row) throw new HttpError(404, "version_not_found", "版が見つかりません", "version not found");
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, row.state);
  } catch {
    ydoc.destroy();
    throw new HttpError(503, "damaged", "この版のデータが壊れています", "this version's stored data is damaged");
  }
  return { ydoc, name: row.name };
}

export const sharingRoutes: Route[] = [
  {
    method: "GET",
    pattern: doc("/shares"),
    role: "owner",
    handle: async (ctx, { res, docId }) => {
      const shares = (await ctx.store.tokensOf(docId)).map((t) => ({
        id: t.id,
        role: t.role,
        label: t.label,
        createdAt: t.created_at,
        revokedAt: t.revoked_at,
      }));
      sendJson(res, 200, { shares });
    },
  },
  {
    method: "POST",
    pattern: doc("/shares"),
    role: "owner",
    handle: async (ctx, { req, res, docId, token }) => {
      const body = await readJson(req);
      const role = body.role;
      if (role !== "edit" && role !== "view" && role !== "review")
        throw new HttpError(
          400,
          "bad_role",
          "権限は 編集・点検・閲覧 のどれかを選んでください",
          'role must be "edit", "review" or "view"',
          { path: "role" },
        );
      const label = str(body.label, "label", 80, "");
      const created = await addToken(ctx.store, docId, role as Role, label);
      await audit(ctx, req, "link.create", {
        docId,
        actor: actorOf(token),
        target: created.shareId,
        detail: `${role}${label ? ` ${label}` : ""}`,
      });
      sendJson(res, 201, { ...created, label });
    },
  },
  {
    method: "DELETE",
    pattern: doc(`/shares/${ID}`),
    role: "owner",
    handle: async (ctx, { req, res, docId, params, token }) => {
      const shareId = params[1] as string;
      if (shareId === token?.id)
        throw new HttpError(
          400,
          "own_link",
          "いま使っている所有者のリンクは取り消せません",
          "the owner link in use cannot be revoked",
        );
      const changed = await ctx.store.revokeToken(docId, shareId, Date.now());
      if (!changed) throw new HttpError(404, "share_not_found", "共有リンクが見つかりません", "share link not found");
      await audit(ctx, req, "link.revoke", { docId, actor: actorOf(token), target: shareId });
      ctx.rooms.disconnect(docId, LINK_REVOKED, CLOSE.revoked, shareId);
      sendJson(res, 200, { id: shareId, revoked: true });
    },
  },
  {
    method: "GET",
    pattern: doc("/versions"),
    role: "view",
    handle: async (ctx, { res, docId }) => {
      const versions = (await ctx.store.versionsOf(docId)).map((v) => ({
        id: v.id,
        name: v.name,
        createdAt: v.created_at,
        createdBy: v.created_by,
        nodes: v.nodes,
        flows: v.flows,
      }));
      sendJson(res, 200, { versions });
    },
  },
  {
    method: "POST",
    pattern: doc("/versions"),
    role: "edit",
    handle: async (ctx, { req, res, docId, token }) => {
      const body = await readJson(req);
      const name = str(body.name, "name", LIMITS.labelChars).trim();
      if (!name)
        throw new HttpError(400, "bad_field", "版の名前を入れてください", "a version needs a name", { path: "name" });
      const by = str(body.by, "by", 80, token?.label ?? "");
      const state = await currentState(ctx, docId);
      const probe = new Y.Doc();
      Y.applyUpdate(probe, state);
      const model = readModelTolerant(probe).doc;
      probe.destroy();
      const id = newId(9);
      const now = Date.now();
      await ctx.store.insertVersion(
        {
          id,
          doc_id: docId,
          name,
          created_at: now,
          created_by: by,
          nodes: model.nodes.length,
          flows: model.flows.length,
        },
        state,
      );
      sendJson(res, 201, {
        id,
        name,
        createdAt: now,
        createdBy: by,
        nodes: model.nodes.length,
        flows: model.flows.length,
      });
    },
  },
  {
    method: "GET",
    pattern: doc(`/versions/${ID}/model`),
    role: "view",
    handle: async (ctx, { req, res, docId, params, token }) => {
      const { ydoc, name } = await versionDoc(ctx, docId, params[1] as string);
      const model = readModelTolerant(ydoc).doc;
      ydoc.destroy();
      await auditRead(ctx, req, "export.version", { docId, actor: actorOf(token), target: params[1], detail: name });
      sendJson(res, 200, { name, model });
    },
  },
  {
    method: "POST",
    pattern: doc(`/versions/${ID}/restore`),
    role: "edit",
    handle: async (ctx, { req, res, docId, params, token }) => {
      const body = await readJson(req);
      const by = str(body.by, "by", 80, token?.label || "restore");
      const { ydoc, name } = await versionDoc(ctx, docId, params[1] as string);
      const target = readModelTolerant(ydoc).doc;
      ydoc.destroy();
      // A restore is an ordinary change: connected clients receive it like anyone's edit.
      await changeLive(ctx, docId, by, (d) => writeModelDiff(d, target));
      await audit(ctx, req, "version.restore", { docId, actor: actorOf(token), target: params[1], detail: name });
      sendJson(res, 200, { restored: params[1], name });
    },
  },
];
