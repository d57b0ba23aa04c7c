import { useEffect, useState } from "react";
import type { OrgProfile } from "../../model";
import type { Session } from "../session";
import { profileApi } from "./profile-api";

/**
 * The organisation profile a shared document draws on, fetched once per session; null for a document kept only
 * in this browser, or when the server cannot be reached (the 評価書 then shows the document alone).
 */
export function useOrgProfile(session: Session | null | undefined): OrgProfile | null {
  const [profile, setProfile] = useState<OrgProfile | null>(null);
  const token = session?.docId ? session.token : null;
  useEffect(() => {
    if (!token) return;
    let live = true;
    profileApi.get(token).then(
      (p) => live && setProfile(p.profile),
      () => live && setProfile(null),
    );
    return () => {
      live = false;
    };
  }, [token]);
  return profile;
}
