import fs from "node:fs";
import path from "node:path";
import { loadDocumentText, type NagareDocument, serializeDocument } from "../src/model";
import { type PublicationInfo, summarizeTemplate, type TemplateInfo } from "../src/templates/summary";

export type { PublicationInfo, TemplateInfo };

import { newId } from "./auth";
import type { TokenRow } from "./db";
import { HttpError } from "./http/respond";
import type { Ctx } from "./http/router";
import type { PublishedTemplate } from "./store/owners";

/**
 * Templates: the built-in files (drawn from published 評価書, open to anyone who reaches the server) and
 * the organisation's own, published from its documents by their owners (listed and copied only with a
 * valid link or owner key of this server).
 */

export const ORG_PREFIX = "org-";

function infoOf(id: string, source: TemplateInfo["source"], doc: NagareDocument): TemplateInfo {
  return {
    ...summarizeTemplate(id, doc),
    id,
    source,
    title: doc.title || doc.meta.jimuName || id,
    organization: doc.meta.organization,
    kind: doc.meta.assessmentKind,
    jimuName: doc.meta.jimuName,
    nodes: doc.nodes.length,
    flows: doc.flows.length,
  };
}

export function publicationInfo(t: PublishedTemplate): PublicationInfo {
  return {
    id: `${ORG_PREFIX}${t.id}`,
    title: t.title,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    nodes: t.nodes,
    flows: t.flows,
  };
}

/** Parsed template files, re-read when a file changes. */
const templateCache = new Map<string, { key: string; value: { info: TemplateInfo; doc: NagareDocument } | null }>();

const TEMPLATE_FILE = /^([A-Za-z0-9_-]{1,64})\.nagare\.json$/;

export function builtinTemplates(ctx: Ctx): { info: TemplateInfo; doc: NagareDocument }[] {
  let files: string[] = [];
  try {
    files = fs.readdirSync(ctx.config.templatesDir).sort();
  } catch {
    return [];
  }
  const out: { info: TemplateInfo; doc: NagareDocument }[] = [];
  for (const f of files) {
    const m = TEMPLATE_FILE.exec(f);
    if (!m) continue;
    const file = path.join(ctx.config.templatesDir, f);
    const stat = fs.statSync(file);
    const key = `${stat.mtimeMs}:${stat.size}`;
    let entry = templateCache.get(file);
    if (entry?.key !== key) {
      const loaded = loadDocumentText(fs.readFileSync(file, "utf8"));
      if (!loaded.ok) ctx.log(`template ${f} skipped: ${loaded.problems.map((p) => `${p.path} ${p.en}`).join("; ")}`);
      entry = {
        key,
        value: loaded.ok ? { info: infoOf(m[1] as string, "builtin", loaded.doc), doc: loaded.doc } : null,
      };
      templateCache.set(file, entry);
    }
    if (entry.value) out.push(entry.value);
  }
  return out;
}

/** Listed organisation templates by id and update time (the body is read once for the thumbnail). */
const orgCache = new Map<string, { updatedAt: number; info: TemplateInfo }>();

export async function organizationTemplates(ctx: Ctx): Promise<TemplateInfo[]> {
  const out: TemplateInfo[] = [];
  for (const t of await ctx.store.owners.listTemplates()) {
    const cached = orgCache.get(t.id);
    if (cached?.updatedAt === t.updatedAt) {
      out.push(cached.info);
      continue;
    }
    const body = await ctx.store.owners.templateBody(t.id);
    const loaded = body ? loadDocumentText(body) : null;
    if (!loaded?.ok) {
      ctx.log(`organisation template ${t.id} cannot be read`);
      continue;
    }
    const info = { ...infoOf(`${ORG_PREFIX}${t.id}`, "organization", loaded.doc), title: t.title };
    orgCache.set(t.id, { updatedAt: t.updatedAt, info });
    out.push(info);
  }
  return out;
}

export function isOrganizationTemplate(templateId: string): boolean {
  return templateId.startsWith(ORG_PREFIX);
}

const notFound = () =>
  new HttpError(404, "template_not_found", "ひな形が見つかりません", "template not found", { path: "template" });

export async function templateModel(ctx: Ctx, templateId: string): Promise<NagareDocument> {
  if (isOrganizationTemplate(templateId)) {
    const body = await ctx.store.owners.templateBody(templateId.slice(ORG_PREFIX.length));
    const loaded = body ? loadDocumentText(body) : null;
    if (loaded?.ok) return loaded.doc;
  } else {
    const found = builtinTemplates(ctx).find((t) => t.info.id === templateId);
    if (found) return found.doc;
  }
  throw notFound();
}

/**
 * Stores a copy of the document as an organisation template; decisions, answers and review threads stay with
 * the document.
 */
export async function publishTemplate(
  ctx: Ctx,
  docId: string,
  by: TokenRow,
  doc: NagareDocument,
  title: string,
): Promise<TemplateInfo> {
  const id = newId(9);
  const now = Date.now();
  const { comments: _review, ...drawing } = doc;
  const body = serializeDocument({ ...drawing, title, decisions: {}, answers: {} });
  await ctx.store.owners.publishTemplate(
    {
      id,
      title,
      organization: doc.meta.organization,
      kind: doc.meta.assessmentKind,
      jimuName: doc.meta.jimuName,
      nodes: doc.nodes.length,
      flows: doc.flows.length,
      createdAt: now,
      updatedAt: now,
      docId,
      publishedBy: by.id,
    },
    body,
  );
  return { ...infoOf(`${ORG_PREFIX}${id}`, "organization", doc), title };
}

/** The publication behind `org-<id>`, or 404. */
export async function publication(ctx: Ctx, templateId: string): Promise<PublishedTemplate> {
  if (!isOrganizationTemplate(templateId)) throw notFound();
  const t = await ctx.store.owners.getTemplate(templateId.slice(ORG_PREFIX.length));
  if (!t) throw notFound();
  return t;
}
