import type Database from "better-sqlite3";
import type { AuditEntry, OwnerStore, PublishedTemplate } from "./owners";

/**
 * Owner keys, the audit log and the publications of organisation templates in the SQLite file. The audit
 * log refuses UPDATE and DELETE in the database itself (triggers), and is not tied to documents: it
 * outlives a purged document.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS owner_keys (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS owner_documents (
  key_id TEXT NOT NULL REFERENCES owner_keys(id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (key_id, doc_id)
);
CREATE INDEX IF NOT EXISTS owner_documents_doc ON owner_documents(doc_id);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  doc_id TEXT,
  role TEXT,
  link_id TEXT,
  address TEXT,
  target TEXT,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_doc ON audit_log(doc_id, at);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);
CREATE TABLE IF NOT EXISTS org_profiles (
  org TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

/** Columns added to the organisation templates of earlier data directories. */
const TEMPLATE_COLUMNS: [string, string][] = [
  ["doc_id", "TEXT"],
  ["published_by", "TEXT"],
  ["updated_at", "INTEGER"],
];

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

const TEMPLATE_FIELDS =
  "id, title, organization, kind, jimu_name, nodes, flows, created_at, updated_at, doc_id, published_by";

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

interface OverviewRow {
  id: string;
  title: string;
  jimu_name: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  bytes: number;
  versions: number;
  owner_links: number;
  edit_links: number;
  view_links: number;
  keys: number;
}

interface AuditDbRow {
  seq: number;
  at: number;
  event: string;
  doc_id: string | null;
  role: AuditEntry["role"];
  link_id: string | null;
  address: string | null;
  target: string | null;
  detail: string | null;
}

/** Schema migration: owner keys, the audit log, and the publication columns of organisation templates. */
export function migrateOwners(db: Database.Database): void {
  db.exec(SCHEMA);
  const have = new Set((db.pragma("table_info(org_templates)") as { name: string }[]).map((c) => c.name));
  for (const [name, type] of TEMPLATE_COLUMNS)
    if (!have.has(name)) db.exec(`ALTER TABLE org_templates ADD COLUMN ${name} ${type}`);
}

/** The SQLite implementation (better-sqlite3 is synchronous: every promise is settled at once). */
export function sqliteOwnerStore(db: Database.Database): OwnerStore {
  const q = {
    insertTemplate: db.prepare(
      `INSERT INTO org_templates (id, title, organization, kind, jimu_name, nodes, flows, body, created_at, updated_at, doc_id, published_by)
       VALUES (@id, @title, @organization, @kind, @jimuName, @nodes, @flows, @body, @createdAt, @updatedAt, @docId, @publishedBy)`,
    ),
    templates: db.prepare<[], TemplateDbRow>(
      `SELECT ${TEMPLATE_FIELDS} FROM org_templates ORDER BY created_at DESC, rowid DESC`,
    ),
    templatesOf: db.prepare<[string], TemplateDbRow>(
      `SELECT ${TEMPLATE_FIELDS} FROM org_templates WHERE doc_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    template: db.prepare<[string], TemplateDbRow>(`SELECT ${TEMPLATE_FIELDS} FROM org_templates WHERE id = ?`),
    templateBody: db.prepare<[string], { body: string }>("SELECT body FROM org_templates WHERE id = ?"),
    renameTemplate: db.prepare("UPDATE org_templates SET title = ?, updated_at = ? WHERE id = ?"),
    deleteTemplate: db.prepare("DELETE FROM org_templates WHERE id = ?"),
    insertKey: db.prepare("INSERT INTO owner_keys (id, hash, created_at) VALUES (?, ?, ?)"),
    keyByHash: db.prepare<[string], { id: string; created_at: number; revoked_at: number | null }>(
      "SELECT id, created_at, revoked_at FROM owner_keys WHERE hash = ?",
    ),
    revokeKey: db.prepare("UPDATE owner_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
    attach: db.prepare("INSERT OR IGNORE INTO owner_documents (key_id, doc_id, added_at) VALUES (?, ?, ?)"),
    detach: db.prepare("DELETE FROM owner_documents WHERE key_id = ? AND doc_id = ?"),
    documentsOf: db.prepare<[string], { doc_id: string; added_at: number }>(
      "SELECT doc_id, added_at FROM owner_documents WHERE key_id = ? ORDER BY added_at DESC",
    ),
    overview: db.prepare<[], OverviewRow>(
      `SELECT d.id, d.title, d.jimu_name, d.created_at, d.updated_at, d.deleted_at,
         COALESCE((SELECT bytes FROM doc_snapshots s WHERE s.doc_id = d.id), 0)
           + COALESCE((SELECT sum(length(data)) FROM doc_updates u WHERE u.doc_id = d.id), 0) AS bytes,
         (SELECT count(*) FROM versions v WHERE v.doc_id = d.id) AS versions,
         (SELECT count(*) FROM tokens t WHERE t.doc_id = d.id AND t.revoked_at IS NULL AND t.role = 'owner') AS owner_links,
         (SELECT count(*) FROM tokens t WHERE t.doc_id = d.id AND t.revoked_at IS NULL AND t.role = 'edit') AS edit_links,
         (SELECT count(*) FROM tokens t WHERE t.doc_id = d.id AND t.revoked_at IS NULL AND t.role = 'view') AS view_links,
         (SELECT count(*) FROM owner_documents o JOIN owner_keys k ON k.id = o.key_id
            WHERE o.doc_id = d.id AND k.revoked_at IS NULL) AS keys
       FROM documents d ORDER BY d.updated_at DESC, d.id`,
    ),
    getProfile: db.prepare<[string], { org: string; body: string; updated_at: number; updated_by: string | null }>(
      "SELECT org, body, updated_at, updated_by FROM org_profiles WHERE org = ?",
    ),
    putProfile: db.prepare(
      `INSERT INTO org_profiles (org, body, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(org) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    appendAudit: db.prepare(
      `INSERT INTO audit_log (at, event, doc_id, role, link_id, address, target, detail)
       VALUES (@at, @event, @docId, @role, @linkId, @address, @target, @detail)`,
    ),
    readAudit: db.prepare<
      { docId: string | null; event: string | null; since: number; until: number; limit: number },
      AuditDbRow
    >(
      `SELECT * FROM audit_log WHERE (@docId IS NULL OR doc_id = @docId) AND (@event IS NULL OR event = @event)
       AND at >= @since AND at < @until ORDER BY seq LIMIT @limit`,
    ),
  };

  return {
    async publishTemplate(t, body) {
      q.insertTemplate.run({ ...t, body });
    },
    async listTemplates() {
      return q.templates.all().map(templateOf);
    },
    async templatesOf(docId) {
      return q.templatesOf.all(docId).map(templateOf);
    },
    async getTemplate(id) {
      const r = q.template.get(id);
      return r ? templateOf(r) : undefined;
    },
    async templateBody(id) {
      return q.templateBody.get(id)?.body;
    },
    async renameTemplate(id, title, at) {
      return q.renameTemplate.run(title, at, id).changes > 0;
    },
    async deleteTemplate(id) {
      return q.deleteTemplate.run(id).changes > 0;
    },
    async createKey(id, hash, at) {
      q.insertKey.run(id, hash, at);
    },
    async keyByHash(hash) {
      const r = q.keyByHash.get(hash);
      return r ? { id: r.id, createdAt: r.created_at, revokedAt: r.revoked_at } : undefined;
    },
    async revokeKey(id, at) {
      q.revokeKey.run(at, id);
    },
    async attachDocument(keyId, docId, at) {
      q.attach.run(keyId, docId, at);
    },
    async detachDocument(keyId, docId) {
      return q.detach.run(keyId, docId).changes > 0;
    },
    async documentsOfKey(keyId) {
      return q.documentsOf.all(keyId).map((r) => ({ docId: r.doc_id, addedAt: r.added_at }));
    },
    async documentOverview() {
      return q.overview.all().map((r) => ({
        id: r.id,
        title: r.title,
        jimuName: r.jimu_name,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        deletedAt: r.deleted_at,
        bytes: r.bytes,
        versions: r.versions,
        links: { owner: r.owner_links, edit: r.edit_links, view: r.view_links },
        keys: r.keys,
      }));
    },
    async getProfile(org) {
      const r = q.getProfile.get(org);
      return r ? { org: r.org, body: r.body, updatedAt: r.updated_at, updatedBy: r.updated_by } : undefined;
    },
    async putProfile(p) {
      q.putProfile.run(p.org, p.body, p.updatedAt, p.updatedBy);
    },
    async appendAudit(e) {
      q.appendAudit.run(e);
    },
    async readAudit(f) {
      return q.readAudit
        .all({
          docId: f.docId ?? null,
          event: f.event ?? null,
          since: f.since ?? 0,
          until: f.until ?? Number.MAX_SAFE_INTEGER,
          limit: f.limit ?? -1,
        })
        .map((r) => ({
          seq: r.seq,
          at: r.at,
          event: r.event,
          docId: r.doc_id,
          role: r.role,
          linkId: r.link_id,
          address: r.address,
          target: r.target,
          detail: r.detail,
        }));
    },
  };
}
