import { describe, expect, it } from 'vitest';
import { sha256 as nodeSha256 } from '../src/nodeSha256';
import { sha256 as webCryptoSha256 } from '../../src/runtime/sha256';

describe("the runner's SHA-256", () => {
  it('gives the hex the studio gives, so logs sealed on the runner chain onto logs sealed in a tab', async () => {
    const texts = [
      '',
      'abc',
      '{"type":"run.started","seq":12}',
      'naïve café 日本語 🎼',
      'lone \ud800 surrogate',
      'x'.repeat(100_000),
    ];
    for (const text of texts) expect(await nodeSha256(text)).toBe(await webCryptoSha256(text));
    expect(await nodeSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
