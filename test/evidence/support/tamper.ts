/** Re-encodes an SD-JWT's issuer-signed payload with one claim changed; the signature stays the old one. */
export function withChangedClaim(sdJwt: string, claim: string, value: unknown): string {
  const [jwt, ...rest] = sdJwt.split('~');
  const [header, payload, signature] = jwt!.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims[claim] = value;
  return [[header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.'), ...rest].join('~');
}

export function flipByte(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
