/**
 * ISO 8601 UTC times from epoch milliseconds and back, without the ambient `Date` (banned in the
 * core so replays agree): the files of the contract carry times people and executors read.
 * Days-from-civil after Howard Hinnant's public-domain algorithms.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isoFromMs(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const inDay = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(inDay / 3_600_000);
  const m = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(inDay % 1000, 3)}Z`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an ISO time with an offset, or NaN when it is not one. */
export function msFromIso(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, h, min, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const frac = Number(`0.${m[7] ?? '0'}`);
  const y = month! <= 2 ? year! - 1 : year!;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month! + (month! > 2 ? -3 : 9)) + 2) / 5) + day! - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) * 60_000;
  return days * 86_400_000 + h! * 3_600_000 + min! * 60_000 + s! * 1000 + Math.round(frac * 1000) - offset;
}
