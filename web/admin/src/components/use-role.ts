/**
 * The signed-in operator's role, for showing only the actions the server would allow (the server decides
 * anyway: a hidden button is a courtesy, not a control).
 */
import { useEffect, useState } from 'react';
import { api, type Schemas } from '../api/client.js';

export type Role = Schemas['Session']['role'];

export function useRole(): Role | null {
  const [role, setRole] = useState<Role | null>(null);
  useEffect(() => {
    let live = true;
    api.GET('/v1/session').then(
      ({ data }) => live && setRole(data?.role ?? null),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return role;
}

export const canAct = (role: Role | null, allowed: readonly Role[]) =>
  role !== null && allowed.includes(role);
