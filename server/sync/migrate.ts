import * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION, migrate, type NagareDocument } from "../../src/model";
import { COMMENTS, ROOT_KEY, readRaw } from "../../src/sync/doc-shape";
import { writeModelDiff } from "./restore";
import type { Room } from "./room";

/**
 * Live migration of stored documents. A shared document carries its schema version in the root map; one
 * stored under an older version is brought to the current one when it is opened, before anyone syncs it:
 * the file-format migrations (src/model/migrations.ts) run on its content and the difference is written as
 * one ordinary, validated edit (so connected clients and the store see the same thing), then the document
 * is compacted, i.e. rewritten as a snapshot of the current version. Elements the migrations do not touch
 * keep their identity; nothing is dropped (an element that was invalid before stays as it was).
 */
export async function migrateOnOpen(room: Room, log: (line: string) => void): Promise<void> {
  await migrateSchema(room, log);
  await addCommentsCollection(room, log);
}

/**
 * Documents made before review threads existed get their (empty) collection from the server, once, before
 * anyone syncs: a review link may write only inside it, and two clients creating it at once would lose one.
 */
async function addCommentsCollection(room: Room, log: (line: string) => void): Promise<void> {
  const root = room.doc.getMap<unknown>(ROOT_KEY);
  if (root.get(COMMENTS) instanceof Y.Map || root.get("schemaVersion") !== CURRENT_SCHEMA_VERSION) return;
  const verdict = room.applyLocal((doc) => doc.getMap<unknown>(ROOT_KEY).set(COMMENTS, new Y.Map()), {
    actor: "system",
  });
  if (!verdict.ok) log(`adding review threads to ${room.docId} was refused: ${verdict.en}`);
  else if (!(await room.stored())) log(`adding review threads to ${room.docId}: storing failed`);
}

async function migrateSchema(room: Room, log: (line: string) => void): Promise<void> {
  const version = room.doc.getMap<unknown>(ROOT_KEY).get("schemaVersion");
  if (version === CURRENT_SCHEMA_VERSION || version === undefined) return;
  if (typeof version !== "number" || version > CURRENT_SCHEMA_VERSION) {
    log(`document ${room.docId} has schema version ${String(version)}; this server knows ${CURRENT_SCHEMA_VERSION}`);
    return;
  }
  const result = migrate(readRaw(room.doc));
  if (!result.ok) {
    log(`document ${room.docId} cannot be migrated from version ${version}: ${result.code}`);
    return;
  }
  const verdict = room.applyLocal((doc) => writeModelDiff(doc, result.doc as unknown as NagareDocument), {
    actor: `schema ${version} → ${CURRENT_SCHEMA_VERSION}`,
  });
  if (!verdict.ok) {
    log(`migrating ${room.docId} from version ${version} was refused: ${verdict.en}`);
    return;
  }
  if (!(await room.stored())) {
    log(`migrating ${room.docId} from version ${version}: storing failed`);
    return;
  }
  await room.compact();
  log(
    `migrated ${room.docId} from schema version ${version} to ${CURRENT_SCHEMA_VERSION} (${result.applied.join("; ")})`,
  );
}
