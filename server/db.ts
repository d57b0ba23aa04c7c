/**
 * The rows the server keeps, whatever the store (server/store: SQLite embedded, or PostgreSQL). Document
 * content is a Yjs snapshot plus the updates received since (each written before it is broadcast); tokens
 * are kept only as SHA-256 hashes.
 */
/** `review`: sees everything and may write review threads (comments) only, nothing of the drawing or answers. */
export type Role = "owner" | "edit" | "review" | "view";

export interface DocumentRow {
  id: string;
  title: string;
  jimu_name: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface TokenRow {
  id: string;
  doc_id: string;
  hash: string;
  role: Role;
  label: string;
  created_at: number;
  revoked_at: number | null;
}

export interface VersionRow {
  id: string;
  doc_id: string;
  name: string;
  created_at: number;
  created_by: string;
  nodes: number;
  flows: number;
}

export interface ActivityRow {
  minute: number;
  actor: string;
  nodes: number;
  flows: number;
  other: number;
}

/** A start-up failure worth a clear message rather than a stack trace. */
export class StartupError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
    readonly detail?: string,
  ) {
    super(`${ja} / ${en}${detail ? `: ${detail}` : ""}`);
  }
}
