import type { ActivityRow, DocumentRow, Role, TokenRow, VersionRow } from "../db";
import type { OwnerStore } from "./owners";

/**
 * Everything the server keeps, behind one asynchronous interface: the embedded SQLite store (one process)
 * and the PostgreSQL store (several processes) implement it the same way and pass the same tests
 * (tests/server/store.test.ts). Stores deal in rows and bytes; Yjs lives in server/sync.
 *
 * Document content is a snapshot plus the updates stored after it. Every stored update has a sequence
 * number, increasing per document in the order the updates were committed; the snapshot records the
 * number of the last update folded into it.
 */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Where the data lives, for start-up and error messages (never a password). */
  readonly location: string;

  // Documents
  createDocument(doc: NewDocument, state: Uint8Array, owner: NewToken): Promise<void>;
  getDocument(id: string): Promise<DocumentRow | undefined>;
  /** Moves a document to the trash (`at`) or out of it (null); false if there is no such document. */
  setDeleted(id: string, at: number | null): Promise<boolean>;
  /** Deletes documents trashed before `before`, with everything that belongs to them; returns their ids. */
  purgeDeleted(before: number): Promise<string[]>;

  // Content
  loadContent(docId: string): Promise<StoredContent>;
  /** What was stored after `seq`: the updates, or the whole content again if they were compacted meanwhile. */
  contentAfter(docId: string, seq: number): Promise<StoredContent>;
  /** Stores the updates of several documents in one transaction; all or nothing. */
  appendUpdates(writes: DocumentWrite[]): Promise<AppendResult[]>;
  /**
   * Folds the stored updates into the snapshot with `fold`, atomically and at most once at a time per
   * document (across processes). Updates stored meanwhile are kept. Null: someone else is compacting.
   * `known`: the fold when the last stored update is `known.seq`; a store may then skip reading the content.
   */
  compact(
    docId: string,
    fold: (content: StoredContent) => Uint8Array,
    known?: KnownState,
  ): Promise<{ bytes: number } | null>;
  /** The highest sequence number stored for each of these documents (instances poll it to notice gaps). */
  lastSeqs(docIds: string[]): Promise<Map<string, number>>;
  /** Only the list's cached title (after a reload). */
  setTitle(docId: string, title: string, jimuName: string, at: number): Promise<void>;

  // Links
  insertToken(token: NewToken): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRow | undefined>;
  tokensOf(docId: string): Promise<TokenRow[]>;
  /** False if the link does not exist or was already revoked. */
  revokeToken(docId: string, tokenId: string, at: number): Promise<boolean>;
  /**
   * Of these documents, those in the trash or gone; of these links, those revoked or gone. Instances check
   * their connections with it, so that a revocation whose Redis message was lost still closes them.
   */
  accessEnded(docIds: string[], tokenIds: string[]): Promise<{ docs: Set<string>; tokens: Set<string> }>;

  // Versions
  insertVersion(version: VersionRow, state: Uint8Array): Promise<void>;
  versionsOf(docId: string): Promise<VersionRow[]>;
  versionState(docId: string, versionId: string): Promise<{ state: Uint8Array; name: string } | undefined>;

  // Activity (written with the updates)
  activityOf(docId: string, limit: number): Promise<ActivityRow[]>;

  /** Organisation templates and their publications, owner keys, the audit log (server/store/owners.ts). */
  readonly owners: OwnerStore;

  /** Checks that the store answers (health endpoint, recovery after an outage). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface NewDocument {
  id: string;
  title: string;
  jimuName: string;
  createdAt: number;
}

export interface NewToken {
  id: string;
  docId: string;
  hash: string;
  role: Role;
  label: string;
  createdAt: number;
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/** A document's whole state as it was when the update numbered `seq` was the last one stored. */
export interface KnownState {
  seq: number;
  state: Uint8Array;
}

export interface StoredContent {
  /** Null for a document without snapshot (or when only updates after a sequence number were asked for). */
  snapshot: Uint8Array | null;
  /** The last update folded into the snapshot (0 if none). */
  snapshotSeq: number;
  /** In sequence order. */
  updates: StoredUpdate[];
  /** The highest sequence number stored for the document (the snapshot's if there are no updates). */
  lastSeq: number;
}

export interface ActivityCount {
  actor: string;
  nodes: number;
  flows: number;
  other: number;
}

export interface DocumentWrite {
  docId: string;
  updates: Uint8Array[];
  /** Per update: who changed how much (none for an update that only touched nothing countable). */
  activity: (ActivityCount | null)[];
  /** The list's cached title after these updates. */
  title: string;
  jimuName: string;
  at: number;
}

export interface AppendResult {
  docId: string;
  /** Sequence numbers given to the updates, in order. */
  seqs: number[];
  /** The document's last sequence number before this write. */
  previousSeq: number;
}

/** A storage failure the user should hear about as "not stored" (full disk, database unreachable). */
export class StorageUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason?: unknown,
  ) {
    super(message);
  }
}

const SQLITE_FAILURES = ["SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN"];
const NETWORK_FAILURES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);

/**
 * How a store operation failed, if the store itself is the problem: `disk` (full or unwritable), or
 * `unreachable` (the database server is down, restarting or cut off). Null for any other error.
 */
export function storageFailure(e: unknown): "disk" | "unreachable" | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    if (SQLITE_FAILURES.some((c) => code === c || code.startsWith(`${c}_`))) return "disk";
    if (NETWORK_FAILURES.has(code)) return "unreachable";
    // PostgreSQL SQLSTATE: 08 connection, 57P0x shutdown / not yet accepting, 53 insufficient resources.
    if (/^08/.test(code) || /^57P0[1-4]$/.test(code)) return "unreachable";
    if (/^53/.test(code)) return "disk";
  }
  const message = e instanceof Error ? e.message : "";
  if (/Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed/i.test(message))
    return "unreachable";
  return null;
}

/** One activity row per actor and minute: the counts of one write added up first (one upsert each). */
export function sumByActor(activity: (ActivityCount | null)[]): ActivityCount[] {
  const by = new Map<string, ActivityCount>();
  for (const a of activity) {
    if (!a) continue;
    const cur = by.get(a.actor);
    if (cur) {
      cur.nodes += a.nodes;
      cur.flows += a.flows;
      cur.other += a.other;
    } else by.set(a.actor, { ...a });
  }
  return [...by.values()];
}
