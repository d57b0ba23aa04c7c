import type pg from "pg";
import type { AuditEntry, OwnerStore, PublishedTemplate } from "./owners";

/**
 * Owner keys, the audit log and the publications of organisation templates in PostgreSQL (the same
 * contract as server/store/sqlite-owners.ts). The audit log refuses UPDATE and DELETE in the database
 * itself (a trigger) and is not tied to documents: it outlives a purged document.
 */
export const OWNERS_MIGRATION = `
  ALTER TABLE org_templates ADD COLUMN doc_id TEXT;
  ALTER TABLE org_templates ADD COLUMN published_by TEXT;
  ALTER TABLE org_templates ADD COLUMN updated_at BIGINT;
  CREATE INDEX org_templates_doc ON org_templates(doc_id);
  CREATE TABLE owner_keys (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE TABLE owner_documents (
    key_id TEXT NOT NULL REFERENCES owner_keys(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (key_id, doc_id)
  );
  CREATE INDEX owner_documents_doc ON owner_documents(doc_id);
  CREATE TABLE audit_log (
    seq BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    doc_id TEXT,
    role TEXT,
    link_id TEXT,
    address TEXT,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX audit_log_doc ON audit_log(doc_id, at);
  CREATE INDEX audit_log_at ON audit_log(at);
  CREATE FUNCTION nagare_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION nagare_audit_append_only();
`;

/** Schema migration: the organisation profiles (common answers). */
export const PROFILES_MIGRATION = `
  CREATE TABLE org_profiles (
    org TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT
  );
`;

const TEMPLATE_FIELDS =
  "id, title, organization, kind, jimu_name, nodes, flows, created_at, updated_at, doc_id, published_by";

interface TemplateDbRow {
  id: string;
  title: string;
  organization: string;
  kind: string;
  jimu_name: string;
  nodes: number;
  flows: number;
  created_at: number;
  updated_at: number | null;
  doc_id: string | null;
  published_by: string | null;
}

function templateOf(r: TemplateDbRow): PublishedTemplate {
  return {
    id: r.id,
    title: r.title,
    organization: r.organization,
    kind: r.kind,
    jimuName: r.jimu_name,
    nodes: r.nodes,
    flows: r.flows,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    docId: r.doc_id,
    publishedBy: r.published_by,
  };
}

export function postgresOwnerStore(pool: pg.Pool): OwnerStore {
  const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await pool.query<T>(sql, params)).rows;
  const changed = async (sql: string, params: unknown[]) => ((await pool.query(sql, params)).rowCount ?? 0) > 0;
  return {
    async publishTemplate(t, body) {
      await pool.query(
        `INSERT INTO org_templates (id, title, organization, kind, jimu_name, nodes, flows, body, created_at, updated_at, doc_id, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          t.id,
          t.title,
          t.organization,
          t.kind,
          t.jimuName,
          t.nodes,
          t.flows,
          body,
          t.createdAt,
          t.updatedAt,
          t.docId,
          t.publishedBy,
        ],
      );
    },
    async listTemplates() {
      return (
        await rows<TemplateDbRow>(`SELECT ${TEMPLATE_FIELDS} FROM org_templates ORDER BY created_at DESC, ord DESC`)
      ).map(templateOf);
    },
    async templatesOf(docId) {
      return (
        await rows<TemplateDbRow>(
          `SELECT ${TEMPLATE_FIELDS} FROM org_templates WHERE doc_id = $1 ORDER BY created_at DESC, ord DESC`,
          [docId],
        )
      ).map(templateOf);
    },
    async getTemplate(id) {
      const [r] = await rows<TemplateDbRow>(`SELECT ${TEMPLATE_FIELDS} FROM org_templates WHERE id = $1`, [id]);
      return r ? templateOf(r) : undefined;
    },
    async templateBody(id) {
      const [r] = await rows<{ body: string }>("SELECT body FROM org_templates WHERE id = $1", [id]);
      return r?.body;
    },
    renameTemplate(id, title, at) {
      return changed("UPDATE org_templates SET title = $1, updated_at = $2 WHERE id = $3", [title, at, id]);
    },
    deleteTemplate(id) {
      return changed("DELETE FROM org_templates WHERE id = $1", [id]);
    },
    async createKey(id, hash, at) {
      await pool.query("INSERT INTO owner_keys (id, hash, created_at) VALUES ($1, $2, $3)", [id, hash, at]);
    },
    async keyByHash(hash) {
      const [r] = await rows<{ id: string; created_at: number; revoked_at: number | null }>(
        "SELECT id, created_at, revoked_at FROM owner_keys WHERE hash = $1",
        [hash],
      );
      return r ? { id: r.id, createdAt: r.created_at, revokedAt: r.revoked_at } : undefined;
    },
    async revokeKey(id, at) {
      await pool.query("UPDATE owner_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [at, id]);
    },
    async attachDocument(keyId, docId, at) {
      await pool.query(
        "INSERT INTO owner_documents (key_id, doc_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [keyId, docId, at],
      );
    },
    detachDocument(keyId, docId) {
      return changed("DELETE FROM owner_documents WHERE key_id = $1 AND doc_id = $2", [keyId, docId]);
    },
    async documentsOfKey(keyId) {
      return (
        await rows<{ doc_id: string; added_at: number }>(
          "SELECT doc_id, added_at FROM owner_documents WHERE key_id = $1 ORDER BY added_at DESC",
          [keyId],
        )
      ).map((r) => ({ docId: r.doc_id, addedAt: r.added_at }));
    },
    async documentOverview() {
      const r = await rows<{
        id: string;
        title: string;
        jimu_name: string;
        created_at: number;
        updated_at: number;
        deleted_at: number | null;
        bytes: string | number;
        versions: number;
        owner_links: number;
        edit_links: number;
        view_links: number;
        keys: number;
      }>(
        `SELECT d.id, d.title, d.jimu_name, d.created_at, d.updated_at, d.deleted_at,
           (COALESCE((SELECT bytes FROM doc_snapshots s WHERE s.doc_id = d.id), 0)
             + COALESCE((SELECT sum(length(data)) FROM doc_updates u WHERE u.doc_id = d.id), 0))::bigint AS bytes,
           (SELECT count(*) FROM versions v WHERE v.doc_id = d.id)::int AS versions,
           (SELECT count(*) FROM tokens t WHERE t.doc_id = d.id AND t.revoked_at IS NULL AND t.role = 'owner')::int AS owner_links,
           (SELECT count(*) FROM tokens t WHERE t.doc_id = d.id AND t.revoked_at IS NULL AND t.role = 'edit')::int AS edit_links,
           (SELECT count(*) FROM tokens t WHERE t.doc_id = d.id AND t.revoked_at IS NULL AND t.role = 'view')::int AS view_links,
           (SELECT count(*) FROM owner_documents o JOIN owner_keys k ON k.id = o.key_id
              WHERE o.doc_id = d.id AND k.revoked_at IS NULL)::int AS keys
         FROM documents d ORDER BY d.updated_at DESC, d.id`,
      );
      return r.map((x) => ({
        id: x.id,
        title: x.title,
        jimuName: x.jimu_name,
        createdAt: x.created_at,
        updatedAt: x.updated_at,
        deletedAt: x.deleted_at,
        bytes: Number(x.bytes),
        versions: x.versions,
        links: { owner: x.owner_links, edit: x.edit_links, view: x.view_links },
        keys: x.keys,
      }));
    },
    async getProfile(org) {
      const r = await rows<{ org: string; body: string; updated_at: number; updated_by: string | null }>(
        "SELECT org, body, updated_at, updated_by FROM org_profiles WHERE org = $1",
        [org],
      );
      const x = r[0];
      return x ? { org: x.org, body: x.body, updatedAt: x.updated_at, updatedBy: x.updated_by } : undefined;
    },
    async putProfile(p) {
      await pool.query(
        `INSERT INTO org_profiles (org, body, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [p.org, p.body, p.updatedAt, p.updatedBy],
      );
    },
    async appendAudit(e) {
      await pool.query(
        `INSERT INTO audit_log (at, event, doc_id, role, link_id, address, target, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [e.at, e.event, e.docId, e.role, e.linkId, e.address, e.target, e.detail],
      );
    },
    async readAudit(f) {
      const r = await rows<{
        seq: number;
        at: number;
        event: string;
        doc_id: string | null;
        role: AuditEntry["role"];
        link_id: string | null;
        address: string | null;
        target: string | null;
        detail: string | null;
      }>(
        `SELECT * FROM audit_log WHERE ($1::text IS NULL OR doc_id = $1) AND ($2::text IS NULL OR event = $2)
         AND at >= $3 AND at < $4 ORDER BY seq LIMIT $5`,
        [f.docId ?? null, f.event ?? null, f.since ?? 0, f.until ?? Number.MAX_SAFE_INTEGER, f.limit ?? null],
      );
      return r.map((x) => ({
        seq: x.seq,
        at: x.at,
        event: x.event,
        docId: x.doc_id,
        role: x.role,
        linkId: x.link_id,
        address: x.address,
        target: x.target,
        detail: x.detail,
      }));
    },
  };
}
