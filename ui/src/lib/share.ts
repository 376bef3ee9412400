/**
 * Sharing a scenario as a link: the YAML text itself travels in the URL
 * fragment (never sent to a server), UTF-8 then base64url, so the link
 * reopens exactly the text that was shared, comments included.
 */

export interface SharedScenario {
  file: string;
  text: string;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeShare(s: SharedScenario): string {
  const params = new URLSearchParams({ file: s.file, s: toBase64Url(new TextEncoder().encode(s.text)) });
  return `#${params.toString()}`;
}

/** The scenario in a location hash, or undefined when there is none or it does not decode. */
export function decodeShare(hash: string): SharedScenario | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const s = params.get('s');
  // An empty `s=` is an empty scenario that was shared; no `s` at all is no link.
  if (s === null) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(s));
    return { file: params.get('file') || 'shared.yaml', text };
  } catch {
    return undefined;
  }
}
