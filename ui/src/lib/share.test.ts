import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './share';

describe('share links', () => {
  it('any text and file name come back exactly (comments, accents, emoji, newlines)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (text, file) => {
        const hash = encodeShare({ file, text });
        // Only characters a URL fragment carries as they are.
        expect(hash).toMatch(/^#[A-Za-z0-9%+*._~=&-]*$/);
        expect(decodeShare(hash)).toEqual({ file, text });
      }),
      { numRuns: 200 },
    );
  });

  it('a large scenario survives (chunked base64 of more than 32 KiB)', () => {
    const text = `name: "big é ✓"\n${'# comment line\n'.repeat(5000)}`;
    expect(decodeShare(encodeShare({ file: 'big.yaml', text }))?.text).toBe(text);
  });

  it('no link, a truncated link and bytes that are not UTF-8 give undefined', () => {
    expect(decodeShare('')).toBeUndefined();
    expect(decodeShare('#file=x.yaml')).toBeUndefined();
    expect(decodeShare('#s=%%%')).toBeUndefined();
    // 0xff 0xfe is not UTF-8: base64url "__4".
    expect(decodeShare('#s=__4')).toBeUndefined();
  });

  it('a link without a file name opens as shared.yaml', () => {
    const hash = encodeShare({ file: 'a.yaml', text: 'version: 1' }).replace(/file=[^&]*&?/, '');
    expect(decodeShare(hash)).toEqual({ file: 'shared.yaml', text: 'version: 1' });
  });
});
