import { useEffect, useState } from 'react';
import type { ExtensionGrant } from '../core/conductor/ports';
import { extensionGrants } from '../storage/extensionGrants';

/**
 * This browser's approvals of extensions, for the UI: it reaches storage through src/app, never
 * directly. The conductor (in its worker) approves through its own command; whoever changes an
 * approval from the page calls `grantsChanged()` so every `useApprovedExtensions` reads again.
 */
const listeners = new Set<() => void>();

export function grantsChanged(): void {
  for (const listener of listeners) listener();
}

/** Approves extensions' capabilities in this browser (the import dialog's checkbox), then says so to the hooks. */
export async function approveExtensions(grants: readonly ExtensionGrant[]): Promise<void> {
  for (const grant of grants) await extensionGrants.approve(grant);
  if (grants.length > 0) grantsChanged();
}

/**
 * Which of `hashes` this browser has approved; undefined until the first read. Reads again when
 * the hashes change or an approval is made.
 */
export function useApprovedExtensions(hashes: readonly string[]): ReadonlySet<string> | undefined {
  const key = [...hashes].sort().join(',');
  const [approved, setApproved] = useState<ReadonlySet<string> | undefined>(undefined);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    listeners.add(bump);
    return () => void listeners.delete(bump);
  }, []);
  useEffect(() => {
    let current = true;
    extensionGrants.approvedAmong(key === '' ? [] : key.split(',')).then(
      (found) => current && setApproved(found),
      // An unreadable grants database reads as “nothing approved”: the conductor refuses the run and says why.
      () => current && setApproved(new Set()),
    );
    return () => {
      current = false;
    };
  }, [key, version]);
  return approved;
}
