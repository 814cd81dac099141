import { randomBytes } from 'node:crypto';
import { thrownBy } from '@app/domain-kernel/testing';
import { NoteError } from './note-error';
import { formatCheckpoint, parseCheckpoint } from './tlog-checkpoint';

// The example body of C2SP tlog-checkpoint.md.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const HASH_B64 = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

function codeOf(run: () => unknown): string {
  return thrownBy(run, NoteError).code;
}

describe('tlog-checkpoint', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const checkpoint = parseCheckpoint(SPEC_BODY);
    expect(checkpoint).toEqual({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      rootHash: Buffer.from(HASH_B64, 'base64'),
      extensions: [],
    });
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_BODY);
  });

  it('round-trips extension lines and the empty tree', () => {
    const checkpoint = { origin: 'o', size: 0, rootHash: randomBytes(32), extensions: ['ext one', 'two'] };
    const text = formatCheckpoint(checkpoint);
    expect(text.split('\n')).toHaveLength(6);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
  });

  it.each([
    ['size with leading zeros', 'o\n007\n' + HASH_B64 + '\n'],
    ['size 00', 'o\n00\n' + HASH_B64 + '\n'],
    ['signed size', 'o\n+7\n' + HASH_B64 + '\n'],
    ['negative size', 'o\n-1\n' + HASH_B64 + '\n'],
    ['hex size', 'o\n0x7\n' + HASH_B64 + '\n'],
    ['size past 2^53 - 1', 'o\n9007199254740992\n' + HASH_B64 + '\n'],
    ['31-byte hash', 'o\n7\n' + randomBytes(31).toString('base64') + '\n'],
    ['33-byte hash', 'o\n7\n' + randomBytes(33).toString('base64') + '\n'],
    ['unpadded hash', 'o\n7\n' + HASH_B64.slice(0, -1) + '\n'],
    ['hash with nonzero pad bits', 'o\n7\n' + HASH_B64.slice(0, -2) + 'J=\n'],
    ['empty origin', '\n7\n' + HASH_B64 + '\n'],
    ['two lines', 'o\n7\n'],
    ['no final newline', 'o\n7\n' + HASH_B64],
    ['empty extension line', 'o\n7\n' + HASH_B64 + '\n\next\n'],
    ['trailing blank line', 'o\n7\n' + HASH_B64 + '\n\n'],
    ['carriage return', 'o\r\n7\n' + HASH_B64 + '\n'],
  ])('refuses %s', (_, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('malformed_checkpoint');
  });

  it.each([
    ['a 31-byte hash', { origin: 'o', size: 1, rootHash: randomBytes(31) }],
    ['an empty origin', { origin: '', size: 1, rootHash: randomBytes(32) }],
    ['an origin with a newline', { origin: 'a\nb', size: 1, rootHash: randomBytes(32) }],
    ['a fractional size', { origin: 'o', size: 1.5, rootHash: randomBytes(32) }],
    ['a negative size', { origin: 'o', size: -1, rootHash: randomBytes(32) }],
    ['an empty extension', { origin: 'o', size: 1, rootHash: randomBytes(32), extensions: [''] }],
  ])('will not format %s', (_, checkpoint) => {
    expect(codeOf(() => formatCheckpoint(checkpoint))).toBe('malformed_checkpoint');
  });
});
