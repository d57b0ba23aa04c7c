import { emptyProfile, loadProfileText, type OrgProfile } from "../src/model";
import type { Store } from "./store/store";

/**
 * The organisation profile this server holds. A Nagare server serves one organisation (its templates, keys and
 * documents are the organisation's); the store keys profiles by organisation so that this can grow.
 */
export const DEFAULT_ORG = "default";

export interface ServerProfile {
  profile: OrgProfile;
  updatedAt: number | null;
  updatedBy: string | null;
}

/** The stored profile, or an empty one; a stored body that no longer validates is reported, not used. */
export async function readProfile(store: Pick<Store, "owners">, log?: (s: string) => void): Promise<ServerProfile> {
  const row = await store.owners.getProfile(DEFAULT_ORG);
  if (!row) return { profile: emptyProfile(), updatedAt: null, updatedBy: null };
  const loaded = loadProfileText(row.body);
  if (!loaded.ok) {
    log?.(`stored organisation profile is not valid: ${loaded.problems.map((p) => p.en).join("; ")}`);
    return { profile: emptyProfile(), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }
  return { profile: loaded.profile, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** True when the profile answers anything (an empty profile need not travel to a render). */
export function hasAnswers(p: OrgProfile): boolean {
  return Object.values(p.answers).some((v) => v !== undefined) || p.systems.length > 0;
}
