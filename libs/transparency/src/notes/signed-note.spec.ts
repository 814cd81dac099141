import { createHash, createPublicKey, verify } from 'node:crypto';
import { thrownBy } from '@app/domain-kernel/testing';
import { NoteError } from './note-error';
import { generateNoteKey, parseSignerKey } from './note-signer-key';
import { ed25519VerifierKey, parseVerifierKey } from './note-verifier-key';
import { addNoteSignatures, openNote, signNote } from './signed-note';

// Test vectors copied verbatim from golang/mod, sumdb/note/note_test.go (TestSign, TestOpen, TestNewVerifier) at
// commit fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db, and from C2SP/C2SP signed-note.md ("Example" under Verifier keys).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_B64 = 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=';
const ENOCH_B64 = 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=';
const PETER_SIG = `\u2014 PeterNeumann ${PETER_B64}\n`;
const ENOCH_SIG = `\u2014 EnochRoot ${ENOCH_B64}\n`;
const PETER_NOTE = `${TEXT}\n${PETER_SIG}`;
const C2SP_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const C2SP_NOTE =
  'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const peter = { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: PETER_B64 };
const enoch = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH_B64 };

/** A vkey's three parts; base64 may itself hold pluses, so only the first two separate. */
function vkeyParts(vkey: string): [string, string, string] {
  const [name, hex, ...rest] = vkey.split('+');
  return [name, hex, rest.join('+')];
}

function errorOf(run: () => unknown): NoteError {
  return thrownBy(run, NoteError);
}

describe('signed-note against the published vectors', () => {
  it('signs the Go package text byte for byte (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SKEY)])).toBe(PETER_NOTE);
  });

  it('derives the vkey of the skey exactly, key ID included', () => {
    const signer = parseSignerKey(PETER_SKEY);
    const verifier = parseVerifierKey(PETER_VKEY);
    expect([signer.name, signer.keyId]).toEqual(['PeterNeumann', 0xc74f20a3]);
    expect([verifier.name, verifier.keyId]).toEqual(['PeterNeumann', 0xc74f20a3]);
    expect(ed25519VerifierKey('PeterNeumann', verifier.publicKey)).toBe(PETER_VKEY);
  });

  it('opens a note with one known and one unknown signature', () => {
    expect(openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [parseVerifierKey(PETER_VKEY)])).toEqual({
      text: TEXT,
      verified: [peter],
      unverified: [enoch],
    });
  });

  it('opens the doubly-signed note with both keys known', () => {
    const opened = openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [
      parseVerifierKey(PETER_VKEY),
      parseVerifierKey(ENOCH_VKEY),
    ]);
    expect(opened.verified).toEqual([peter, enoch]);
    expect(opened.unverified).toEqual([]);
  });

  it('opens the C2SP spec example with its vkey', () => {
    expect(openNote(C2SP_NOTE, [parseVerifierKey(C2SP_VKEY)]).text).toBe('This is an example message.\n');
  });

  it('refuses a note signed only by unknown keys, keeping what parsed for inspection', () => {
    const error = errorOf(() => openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, []));
    expect(error.code).toBe('unverified_note');
    expect(error.unverified).toEqual({ text: TEXT, signatures: [peter, enoch] });
  });

  it('ignores a signature whose name or key ID (but not both) matches a known key', () => {
    const otherId = `\u2014 PeterNeumann ${Buffer.concat([Buffer.from('00000000', 'hex'), Buffer.from(PETER_B64, 'base64').subarray(4)]).toString('base64')}\n`;
    const otherName = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
    expect(errorOf(() => openNote(TEXT + '\n' + otherId + otherName, [parseVerifierKey(PETER_VKEY)])).code).toBe(
      'unverified_note',
    );
  });

  it('refuses the whole note when a known key signature fails (Go vector: ABCD spliced into it)', () => {
    const tampered = TEXT + '\n' + PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60) + ENOCH_SIG;
    const error = errorOf(() => openNote(tampered, [parseVerifierKey(PETER_VKEY), parseVerifierKey(ENOCH_VKEY)]));
    expect(error.code).toBe('invalid_signature');
    expect(error.message).toBe('invalid signature for key PeterNeumann+c74f20a3');
  });

  it('drops duplicate lines as Go does', () => {
    const enochAbcd = ENOCH_SIG.slice(0, 60) + 'ABCD' + ENOCH_SIG.slice(60);
    const opened = openNote(TEXT + '\n' + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochAbcd, [
      parseVerifierKey(PETER_VKEY),
    ]);
    expect(opened.verified).toEqual([peter]);
    expect(opened.unverified.map((s) => s.base64)).toEqual([
      ENOCH_B64,
      enochAbcd.slice('\u2014 EnochRoot '.length, -1),
    ]);
  });

  it('refuses an ambiguous key only when a signature names it', () => {
    const enochKey = parseVerifierKey(ENOCH_VKEY);
    const keys = [enochKey, parseVerifierKey(PETER_VKEY), parseVerifierKey(ENOCH_VKEY)];
    expect(errorOf(() => openNote(TEXT + '\n' + ENOCH_SIG, keys)).code).toBe('ambiguous_key');
    expect(openNote(PETER_NOTE, keys).verified).toEqual([peter]);
  });

  it.each([
    ['text only', TEXT],
    ['text and blank line', TEXT + '\n'],
    ['signature without final newline', TEXT + '\n' + PETER_SIG.slice(0, -1)],
    ['control character', '\x01' + TEXT + '\n' + PETER_SIG],
    ['carriage return', TEXT.replace('\n', '\r\n') + '\n' + PETER_SIG],
    ['name with a space', TEXT + '\n' + `\u2014 Bad Name ${PETER_B64}\n`],
    ['line after the signatures', TEXT + '\n' + PETER_SIG + 'Unexpected line.\n'],
    ['hyphen instead of em dash', TEXT + '\n' + PETER_SIG.replace('\u2014', '-')],
    ['non-canonical base64', TEXT + '\n' + PETER_SIG.replace('=\n', '\n')],
    ['101 signatures', TEXT + '\n' + PETER_SIG.repeat(101)],
    ['signature of four bytes', TEXT + '\n' + '\u2014 PeterNeumann x08gow==\n'],
  ])('refuses a malformed note: %s', (_, note) => {
    expect(errorOf(() => openNote(note, [parseVerifierKey(PETER_VKEY)])).code).toBe('malformed_note');
  });

  it('refuses invalid UTF-8 bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(PETER_NOTE)]);
    expect(errorOf(() => openNote(bytes, [parseVerifierKey(PETER_VKEY)])).code).toBe('malformed_note');
  });

  it('keeps blank lines inside the text: the split is at the last one', () => {
    const { skey, vkey } = generateNoteKey('example.com/log');
    const text = 'one\n\ntwo\n\n';
    expect(openNote(signNote(text, [parseSignerKey(skey)]), [parseVerifierKey(vkey)]).text).toBe(text);
  });
});

describe('verifier and signer keys', () => {
  it('refuses every truncation and every single-byte change of the Go vkey and skey', () => {
    for (const [key, parse] of [
      [PETER_VKEY, parseVerifierKey],
      [PETER_SKEY, parseSignerKey],
    ] as const) {
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i !== 0 || j !== key.length) expect(() => parse(key.slice(i, j))).toThrow(NoteError);
        }
      }
      for (let i = 0; i < key.length; i++) {
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(() => parse(changed)).toThrow(NoteError);
      }
    }
  });

  it('refuses the Go vectors for a wrong-length key and an unknown algorithm, each with its key ID adjusted', () => {
    expect(
      errorOf(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))
        .code,
    ).toBe('malformed_key');
    expect(
      errorOf(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).code,
    ).toBe('unknown_algorithm');
  });

  it('generates keys whose ID is SHA-256(name || 0x0A || 0x01 || public key)[:4]', () => {
    const { skey, vkey } = generateNoteKey('example.com/log42');
    const [name, hex, b64] = vkeyParts(vkey);
    const material = Buffer.from(b64, 'base64');
    expect(material[0]).toBe(0x01);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${name}\n`), material]))
      .digest()
      .subarray(0, 4);
    expect(hex).toBe(expected.toString('hex'));
    expect(skey.startsWith(`PRIVATE+KEY+example.com/log42+${hex}+`)).toBe(true);
    expect(parseSignerKey(skey).keyId).toBe(parseVerifierKey(vkey).keyId);
  });

  it.each(['', 'a b', 'a+b', 'a\u00a0b', 'a\u0085b', 'a\u2028b', 'a\tb'])('refuses the key name %j', (name) => {
    expect(() => generateNoteKey(name)).toThrow(NoteError);
  });
});

describe('signatures checked independently with node:crypto', () => {
  const { skey, vkey } = generateNoteKey('example.com/behind-the-sofa');
  const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const note = signNote(text, [parseSignerKey(skey)]);

  it('is an Ed25519 signature over exactly the note text, after a 4-byte big-endian key ID', () => {
    // From the spec text alone: signed bytes = the text through its final newline; line = em dash, space, name,
    // space, base64(key ID || signature); public key = the vkey's base64 bytes after the 0x01 type byte.
    const [name, hex, b64] = vkeyParts(vkey);
    expect(note.startsWith(text + '\n\u2014 ' + name + ' ')).toBe(true);
    const raw = Buffer.from(note.slice((text + '\n\u2014 ' + name + ' ').length, -1), 'base64');
    expect(raw.length).toBe(4 + 64);
    expect(raw.subarray(0, 4).toString('hex')).toBe(hex);
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(b64, 'base64').subarray(1),
    ]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(text, 'utf8'), publicKey, raw.subarray(4))).toBe(true);
    expect(verify(null, Buffer.from(text + '\n', 'utf8'), publicKey, raw.subarray(4))).toBe(false);
  });

  it('fails after changing any single byte of the text or of the signature', () => {
    const verifier = parseVerifierKey(vkey);
    const bytes = Buffer.from(note, 'utf8');
    const lineStart = bytes.lastIndexOf('\u2014') + Buffer.byteLength('\u2014 example.com/behind-the-sofa ');
    const positions = [
      ...Array(Buffer.byteLength(text)).keys(),
      ...Array.from({ length: bytes.length - 1 - lineStart }, (_, k) => lineStart + k),
    ];
    for (const position of positions) {
      const tampered = Buffer.from(bytes);
      // Swap in another printable character, so the note stays well formed wherever that is possible.
      tampered[position] = tampered[position] === 0x41 ? 0x42 : 0x41;
      const error = errorOf(() => openNote(tampered, [verifier]));
      // In the text it is the signature check that catches it; in the line it may be that, or the line no longer
      // parses, or its key ID no longer names the key. Every way, the note is refused.
      if (position < Buffer.byteLength(text) && bytes[position] !== 0x0a) expect(error.code).toBe('invalid_signature');
      else expect(['invalid_signature', 'malformed_note', 'unverified_note']).toContain(error.code);
    }
  });

  it('adds a second signature after the first and replaces a re-signing key', () => {
    const other = generateNoteKey('example.com/second');
    const both = addNoteSignatures(note, [parseSignerKey(other.skey)]);
    expect(openNote(both, [parseVerifierKey(vkey), parseVerifierKey(other.vkey)]).verified.map((s) => s.name)).toEqual([
      'example.com/behind-the-sofa',
      'example.com/second',
    ]);
    const resigned = openNote(addNoteSignatures(both, [parseSignerKey(skey)]), [
      parseVerifierKey(vkey),
      parseVerifierKey(other.vkey),
    ]);
    expect(resigned.verified.map((s) => s.name)).toEqual(['example.com/second', 'example.com/behind-the-sofa']);
  });

  it('refuses to sign a text without a final newline or with a control character', () => {
    expect(errorOf(() => signNote('no newline', [parseSignerKey(skey)])).code).toBe('malformed_note');
    expect(errorOf(() => signNote('tab\there\n', [parseSignerKey(skey)])).code).toBe('malformed_note');
  });
});
