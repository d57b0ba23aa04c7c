import {
  emptyProfile,
  loadProfileValue,
  type OrgProfile,
  PROFILE_FORMAT_ID,
  PROFILE_SCHEMA_VERSION,
  serializeProfile,
} from "../../model";
import { ApiError, type Problem } from "../api/client";
import { loadLinks } from "../start/links";
import { loadOwnerKey } from "../start/owner-key";

/** The organisation profile as the server holds it (GET/PUT /api/profile). */
export interface StoredProfile {
  profile: OrgProfile;
  updatedAt: number | null;
  updatedBy: string | null;
  canEdit: boolean;
}

async function request(method: "GET" | "PUT", token: string, body?: string): Promise<StoredProfile> {
  let res: Response;
  try {
    res = await fetch("/api/profile", {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body } : {}),
    });
  } catch {
    throw new ApiError(0, "network", "サーバーに接続できません", "cannot reach the server");
  }
  const json = (await res.json().catch(() => null)) as
    | (Omit<StoredProfile, "profile"> & { profile: unknown })
    | { error?: { code?: string; ja?: string; en?: string; problems?: Problem[] } }
    | null;
  if (!res.ok) {
    const e = (json as { error?: { code?: string; ja?: string; en?: string; problems?: Problem[] } } | null)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? "http",
      e?.ja ?? `サーバーエラー（${res.status}）`,
      e?.en ?? `server error (${res.status})`,
      e?.problems ?? [],
    );
  }
  const stored = json as Omit<StoredProfile, "profile"> & { profile: unknown };
  // What the server sends is checked like a file: a page never works on a profile it could not save.
  const loaded = loadProfileValue(stored.profile);
  return { ...stored, profile: loaded.ok ? loaded.profile : emptyProfile() };
}

export const profileApi = {
  get: (token: string) => request("GET", token),
  put: (token: string, profile: OrgProfile) => request("PUT", token, serializeProfile(profile)),
};

/**
 * The credential the page acts with: a token handed over in the address (`/profile#t=…`, from a document's
 * 評価書 panel), else this browser's owner key, else an owner link it holds, else any link (read only).
 */
export function profileCredential(loc: Location = window.location): string | null {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, "")).get("t");
  if (fromHash) return fromHash;
  const key = loadOwnerKey();
  if (key) return key;
  const links = loadLinks();
  return (links.find((l) => l.role === "owner") ?? links[0])?.token ?? null;
}

export const PROFILE_FILE_SUFFIX = ".nagare-profile.json";
export { PROFILE_FORMAT_ID, PROFILE_SCHEMA_VERSION };
