import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import v2 from './fixtures/export-v2.json';
import { decodeShareLink, encodeShareLink, needsPassword, SHARE_PREFIX } from './shareLink';

const json = JSON.stringify(v2);

describe('share links', () => {
  it('carry an export in the fragment, compressed', async () => {
    const link = await encodeShareLink(json);
    expect(link.startsWith(`${SHARE_PREFIX}1.`)).toBe(true);
    expect(link.length).toBeLessThan(json.length / 2);
    expect(await decodeShareLink(link)).toBe(json);
  });

  it('with a password: unreadable without it, refused with the wrong one', async () => {
    const link = await encodeShareLink(json, 'correct horse');
    expect(needsPassword(link)).toBe(true);
    await expect(decodeShareLink(link)).rejects.toThrow(/protected by a password/);
    await expect(decodeShareLink(link, 'wrong')).rejects.toThrow(/does not open this link/);
    expect(await decodeShareLink(link, 'correct horse')).toBe(json);
  });

  it('refuse damaged links and zip bombs with a sentence', async () => {
    const link = await encodeShareLink(json);
    await expect(decodeShareLink(link.slice(0, link.length / 2))).rejects.toThrow(/damaged/);
    await expect(decodeShareLink('#share=2.abc')).rejects.toThrow(/damaged or from a newer studio/);
    const bomb = deflateSync(new Uint8Array(10 * 1024 * 1024));
    const b64 = Buffer.from(bomb).toString('base64url');
    await expect(decodeShareLink(`${SHARE_PREFIX}1.${b64}`)).rejects.toThrow(/unpacks to more than the studio accepts/);
  });
});
