import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { thrownBy } from '@app/domain-kernel/testing';
import { NoteError } from './note-error';
import { generateNoteKey, parseSignerKey } from './note-signer-key';
import { parseVerifierKey } from './note-verifier-key';
import { openNote, signNote } from './signed-note';
import { formatCheckpoint } from './tlog-checkpoint';
import {
  cosignCheckpoint,
  generateWitnessKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from './tlog-cosignature';

// A published type 0x04 witness vkey, from transparency-dev/formats note/note_cosigv1_test.go (TestCoSigV1NewVerifier)
// at commit 0b850f1a7b4a5b70deeacac6535e4b8023809d21.
const REMORA_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

function vkeyParts(vkey: string): [string, string, Buffer] {
  const [name, hex, ...rest] = vkey.split('+');
  return [name, hex, Buffer.from(rest.join('+'), 'base64')];
}

function codeOf(run: () => unknown): string {
  return thrownBy(run, NoteError).code;
}

describe('tlog-cosignature (Ed25519 cosignature/v1)', () => {
  const log = generateNoteKey('example.com/behind-the-sofa');
  const witness = generateWitnessKey('witness.example.com/w1');
  const body = formatCheckpoint({
    origin: 'example.com/behind-the-sofa',
    size: 20852163,
    rootHash: randomBytes(32),
    extensions: ['ext'],
  });
  const signed = signNote(body, [parseSignerKey(log.skey)]);
  const time = 1679315147;
  const cosigned = cosignCheckpoint(signed, parseWitnessSignerKey(witness.skey), time);

  it('parses a published witness vkey: its ID is SHA-256(name || 0x0A || 0x04 || key)[:4]', () => {
    const verifier = parseWitnessVerifierKey(REMORA_VKEY);
    expect([verifier.name, verifier.keyId]).toEqual(['remora.n621.de', 0xda77ade7]);
    // As a plain Ed25519 (0x01) key the same vkey is refused: the type byte is part of the key's identity.
    expect(codeOf(() => parseVerifierKey(REMORA_VKEY))).toBe('unknown_algorithm');
  });

  it('generates witness keys of type 0x04 with the 0x04 key ID', () => {
    const [name, hex, material] = vkeyParts(witness.vkey);
    expect(material[0]).toBe(0x04);
    expect(hex).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from(`${name}\n`), material]))
        .digest()
        .subarray(0, 4)
        .toString('hex'),
    );
    expect(codeOf(() => parseSignerKey(witness.skey))).toBe('unknown_algorithm');
  });

  it("carries the log's line then the witness's, each verifying with its own key", () => {
    const lines = cosigned
      .slice(body.length + 1)
      .split('\n')
      .slice(0, -1);
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['example.com/behind-the-sofa', 'witness.example.com/w1']);
    expect(cosigned.startsWith(signed)).toBe(true);
    const logOnly = openNote(cosigned, [parseVerifierKey(log.vkey)]);
    expect([logOnly.verified.length, logOnly.unverified.length]).toEqual([1, 1]);
    const witnessOnly = openNote(cosigned, [parseWitnessVerifierKey(witness.vkey)]);
    expect(witnessOnly.verified.map((s) => s.name)).toEqual(['witness.example.com/w1']);
    expect(
      openNote(cosigned, [parseVerifierKey(log.vkey), parseWitnessVerifierKey(witness.vkey)]).verified,
    ).toHaveLength(2);
    const result = verifyCosignature(cosigned, parseWitnessVerifierKey(witness.vkey));
    expect(result.time).toBe(time);
    expect(result.checkpoint.size).toBe(20852163);
  });

  it('signs exactly "cosignature/v1\\ntime <t>\\n" + body, laid out as key ID || u64 time || signature (node:crypto)', () => {
    const [name, hex, material] = vkeyParts(witness.vkey);
    const line = cosigned.split('\n').find((l) => l.startsWith(`\u2014 ${name} `))!;
    const raw = Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64');
    expect(raw.length).toBe(4 + 8 + 64);
    expect(raw.subarray(0, 4).toString('hex')).toBe(hex);
    expect(raw.readBigUInt64BE(4)).toBe(BigInt(time));
    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), material.subarray(1)]),
      format: 'der',
      type: 'spki',
    });
    const message = Buffer.from(`cosignature/v1\ntime ${time}\n${body}`, 'utf8');
    expect(verify(null, message, publicKey, raw.subarray(12))).toBe(true);
    // Not a plain note signature: the bare body does not verify.
    expect(verify(null, Buffer.from(body, 'utf8'), publicKey, raw.subarray(12))).toBe(false);
  });

  it('refuses a cosignature whose time or any text byte was changed', () => {
    const verifier = parseWitnessVerifierKey(witness.vkey);
    const line = cosigned.split('\n').find((l) => l.startsWith('\u2014 witness.example.com/w1 '))!;
    const raw = Buffer.from(line.slice('\u2014 witness.example.com/w1 '.length), 'base64');
    raw.writeBigUInt64BE(BigInt(time + 1), 4);
    const retimed = cosigned.replace(line, `\u2014 witness.example.com/w1 ${raw.toString('base64')}`);
    expect(codeOf(() => verifyCosignature(retimed, verifier))).toBe('invalid_signature');
    expect(codeOf(() => verifyCosignature(cosigned.replace('ext\n', 'exu\n'), verifier))).toBe('invalid_signature');
    expect(codeOf(() => verifyCosignature(cosigned.replace('20852163', '20852164'), verifier))).toBe(
      'invalid_signature',
    );
  });

  it('reads a missing cosignature and another witness as missing, not as verified', () => {
    const other = generateWitnessKey('witness.example.com/w2');
    expect(codeOf(() => verifyCosignature(signed, parseWitnessVerifierKey(witness.vkey)))).toBe('missing_cosignature');
    expect(codeOf(() => verifyCosignature(cosigned, parseWitnessVerifierKey(other.vkey)))).toBe('missing_cosignature');
  });

  it('adds several witnesses in order and replaces a witness that cosigns again', () => {
    const second = generateWitnessKey('witness.example.com/w2');
    const twice = cosignCheckpoint(cosigned, parseWitnessSignerKey(second.skey), time + 5);
    const again = cosignCheckpoint(twice, parseWitnessSignerKey(witness.skey), time + 9);
    const keys = [
      parseVerifierKey(log.vkey),
      parseWitnessVerifierKey(witness.vkey),
      parseWitnessVerifierKey(second.vkey),
    ];
    expect(openNote(again, keys).verified.map((s) => s.name)).toEqual([
      'example.com/behind-the-sofa',
      'witness.example.com/w2',
      'witness.example.com/w1',
    ]);
    expect(verifyCosignature(again, parseWitnessVerifierKey(witness.vkey)).time).toBe(time + 9);
  });

  it('refuses to cosign a text that is not a checkpoint, or a bad time', () => {
    const note = signNote('just a text\n', [parseSignerKey(log.skey)]);
    expect(codeOf(() => cosignCheckpoint(note, parseWitnessSignerKey(witness.skey), time))).toBe(
      'malformed_checkpoint',
    );
    expect(codeOf(() => cosignCheckpoint(signed, parseWitnessSignerKey(witness.skey), -1))).toBe('invalid_signer');
    expect(codeOf(() => cosignCheckpoint(signed, parseWitnessSignerKey(witness.skey), 1.5))).toBe('invalid_signer');
  });
});
