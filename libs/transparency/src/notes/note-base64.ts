// Node's base64 decoder skips characters it does not know and tolerates missing padding; a signed byte string must
// have exactly one textual form, so decoding here accepts only canonical RFC 4648 section 4 text (padded, no stray
// characters, zero pad bits). Go's decoder is slightly laxer on pad bits; nothing Go writes is refused.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The bytes, or undefined when the text is not canonical standard base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
