import type { Role } from "../db";

/**
 * The part of the store (`Store.owners`) that belongs to people rather than to a document's content:
 * organisation templates and who published them, owner keys with their lists of documents, and the
 * append-only audit log.
 */
export interface PublishedTemplate {
  id: string;
  title: string;
  organization: string;
  kind: string;
  jimuName: string;
  nodes: number;
  flows: number;
  createdAt: number;
  updatedAt: number;
  /** The document it was published from (null for templates saved before publications were recorded). */
  docId: string | null;
  /** Link id (never the token) of the owner link that published it. */
  publishedBy: string | null;
}

export interface OwnerKeyRow {
  id: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface KeyDocument {
  docId: string;
  addedAt: number;
}

export interface DocumentOverview {
  id: string;
  title: string;
  jimuName: string;
  createdAt: number;
  /** Last stored change of content or title. */
  updatedAt: number;
  deletedAt: number | null;
  /** Stored bytes: snapshot plus the updates not yet folded into it. */
  bytes: number;
  versions: number;
  /** Links not revoked, by role. */
  links: { owner: number; edit: number; view: number };
  /** Owner keys (not replaced) listing the document. */
  keys: number;
}

/** One line of the audit log. `role` and `linkId` say who acted; tokens are never recorded. */
export interface AuditEntry {
  seq: number;
  at: number;
  event: string;
  docId: string | null;
  role: Role | "key" | "admin" | "system" | null;
  linkId: string | null;
  address: string | null;
  /** What the event produced or touched: a new link id, a template id, a version id… */
  target: string | null;
  detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, "seq">;

export interface AuditFilter {
  docId?: string;
  event?: string;
  since?: number;
  until?: number;
  limit?: number;
}

/** The organisation's common answers (a `nagare-profile` file), one per organisation of this server. */
export interface StoredProfile {
  org: string;
  /** The profile file as stored (validated before it is written). */
  body: string;
  updatedAt: number;
  /** Who saved it last: the link id or owner key id (never a token). */
  updatedBy: string | null;
}

export interface OwnerStore {
  publishTemplate(t: PublishedTemplate, body: string): Promise<void>;
  listTemplates(): Promise<PublishedTemplate[]>;
  templatesOf(docId: string): Promise<PublishedTemplate[]>;
  getTemplate(id: string): Promise<PublishedTemplate | undefined>;
  templateBody(id: string): Promise<string | undefined>;
  renameTemplate(id: string, title: string, at: number): Promise<boolean>;
  deleteTemplate(id: string): Promise<boolean>;

  createKey(id: string, hash: string, at: number): Promise<void>;
  keyByHash(hash: string): Promise<OwnerKeyRow | undefined>;
  revokeKey(id: string, at: number): Promise<void>;
  attachDocument(keyId: string, docId: string, at: number): Promise<void>;
  detachDocument(keyId: string, docId: string): Promise<boolean>;
  documentsOfKey(keyId: string): Promise<KeyDocument[]>;
  /** Every document with its size, links and keys, most recently changed first (the operator's `list`). */
  documentOverview(): Promise<DocumentOverview[]>;

  getProfile(org: string): Promise<StoredProfile | undefined>;
  putProfile(p: StoredProfile): Promise<void>;

  appendAudit(e: NewAuditEntry): Promise<void>;
  readAudit(filter: AuditFilter): Promise<AuditEntry[]>;
}
