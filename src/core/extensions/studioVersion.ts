/**
 * This studio's version, as in package.json (a test keeps the two equal). An extension's
 * manifest names the oldest studio it works with (`minStudioVersion`); a newer one is refused.
 */
export const STUDIO_VERSION = '0.1.0';

/** x.y.z with no leading zeros, no pre-release and no build tag: all a manifest needs. */
export const SEMVER_PATTERN = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

/** Negative when `a` is older than `b`, zero when equal, positive when newer. Both must match SEMVER_PATTERN. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
