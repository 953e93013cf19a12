// Kept apart from shareLink.ts (and its compression library) so the studio can tell a share link
// at startup without loading what decodes one.

export const SHARE_PREFIX = '#share=';

export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX);
}

export function needsPassword(hash: string): boolean {
  return hash.startsWith(`${SHARE_PREFIX}1p.`);
}
