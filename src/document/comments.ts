import * as Y from "yjs";
import {
  type CommentStatus,
  type CommentTarget,
  commentReplySchema,
  commentThreadSchema,
  type Problem,
  problemsFromZod,
} from "../model";
import { COMMENTS, collection, threadFromY, threadToY } from "../sync/doc-shape";
import { newId } from "./ids";

/**
 * Review threads (第三者点検の指摘) in the shared document. Writes carry their own origin, so that the
 * drawing's undo never takes back a remark or an answer by surprise. Every write is validated first; a
 * review link may write these and nothing else (the server refuses the rest).
 */
export const COMMENT_ORIGIN = { source: "nagare.comments" } as const;

export type CommentWrite = { ok: true; id: string } | { ok: false; problems: Problem[] };

const now = () => new Date().toISOString();

function threadMap(ydoc: Y.Doc, id: string): Y.Map<unknown> | null {
  const m = collection(ydoc, COMMENTS).get(id);
  return m instanceof Y.Map ? (m as Y.Map<unknown>) : null;
}

/** Opens a thread with its first remark. */
export function addThread(
  ydoc: Y.Doc,
  input: { target: CommentTarget; author: string; text: string; at?: string },
): CommentWrite {
  const thread = {
    id: newId("c"),
    target: input.target,
    author: input.author.trim(),
    at: input.at ?? now(),
    text: input.text.trim(),
    status: "open" as const,
    replies: [],
  };
  const parsed = commentThreadSchema.safeParse(thread);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, thread) };
  ydoc.transact(() => collection(ydoc, COMMENTS).set(thread.id, threadToY(parsed.data)), COMMENT_ORIGIN);
  return { ok: true, id: thread.id };
}

/** Adds a reply (an answer, or a further remark) to a thread. */
export function addReply(
  ydoc: Y.Doc,
  threadId: string,
  input: { author: string; text: string; at?: string },
): CommentWrite {
  const thread = threadMap(ydoc, threadId);
  if (!thread) return { ok: false, problems: [missing(threadId)] };
  const reply = { id: newId("r"), author: input.author.trim(), at: input.at ?? now(), text: input.text.trim() };
  const parsed = commentReplySchema.safeParse(reply);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, reply) };
  ydoc.transact(() => {
    let replies = thread.get("replies");
    if (!(replies instanceof Y.Map)) {
      replies = new Y.Map<unknown>();
      thread.set("replies", replies);
    }
    const { id, ...rest } = parsed.data;
    (replies as Y.Map<unknown>).set(id, rest);
  }, COMMENT_ORIGIN);
  return { ok: true, id: reply.id };
}

/** Sets a thread's status; 対応不要 needs the reason. */
export function setThreadStatus(
  ydoc: Y.Doc,
  threadId: string,
  input: { status: CommentStatus; reason?: string; by: string; at?: string },
): CommentWrite {
  const thread = threadMap(ydoc, threadId);
  if (!thread) return { ok: false, problems: [missing(threadId)] };
  const reason = input.reason?.trim() ?? "";
  const candidate = {
    ...threadFromY(threadId, thread),
    status: input.status,
    reason: reason || undefined,
    statusBy: input.by.trim() || undefined,
    statusAt: input.at ?? now(),
  };
  const parsed = commentThreadSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, candidate) };
  ydoc.transact(() => {
    thread.set("status", input.status);
    if (reason) thread.set("reason", reason);
    else thread.delete("reason");
    if (candidate.statusBy) thread.set("statusBy", candidate.statusBy);
    else thread.delete("statusBy");
    thread.set("statusAt", candidate.statusAt);
  }, COMMENT_ORIGIN);
  return { ok: true, id: threadId };
}

/** Removes a thread with its replies (a remark made by mistake). */
export function deleteThread(ydoc: Y.Doc, threadId: string): boolean {
  const coll = collection(ydoc, COMMENTS);
  if (!coll.has(threadId)) return false;
  ydoc.transact(() => coll.delete(threadId), COMMENT_ORIGIN);
  return true;
}

function missing(id: string): Problem {
  return {
    path: `comments (id "${id}")`,
    code: "not_found",
    ja: "この指摘は削除されています",
    en: "this review thread has been deleted",
  };
}
