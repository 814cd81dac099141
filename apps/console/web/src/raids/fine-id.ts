/**
 * The id of the fine an offence became. Fines issues one fine per recorded offence under an id derived from the
 * offence id (fines' fineIdForOffence: a name-based uuid shape over SHA-256 of `fine-for-offence:<offenceId>`), and
 * no route answers "the fine of this offence" to a moderator or an inspector, who may read the fine by its id; so
 * the page derives the same id (test/console/fine-of-offence.spec.ts holds the two to each other). Null where the
 * browser has no Web Crypto (a plain http:// address other than localhost): the page then shows no link.
 */
export async function fineIdForOffence(offenceId: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`fine-for-offence:${offenceId}`));
  const h = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
