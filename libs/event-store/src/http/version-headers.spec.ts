import { carriedHeaders } from '@app/platform';
import { parseIfMatch, versioned, versionEtag } from './version-headers';
import { ValidationFailedError } from '@app/domain-kernel';
import { thrownBy } from '@app/domain-kernel/testing';

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    [' "12" ', 12],
  ])('reads %p as version %p', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it.each([undefined, ''])('gives undefined for an absent header (%p)', (header) => {
    expect(parseIfMatch(header)).toBeUndefined();
  });

  it.each(['abc', '"-1"', '1.5', 'W/"x"', '*'])('rejects %p naming the If-Match header', (header) => {
    const error = thrownBy(() => parseIfMatch(header));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({
      field: 'If-Match',
      code: 'validation_failed',
      httpStatus: 400,
      details: { field: 'If-Match' },
    });
  });
});

describe('versionEtag', () => {
  it('quotes the version', () => {
    expect(versionEtag(7)).toBe('"7"');
  });

  it('round-trips through parseIfMatch', () => {
    expect(parseIfMatch(versionEtag(42))).toBe(42);
  });
});

describe('versioned', () => {
  it('answers the version it shows as the ETag, the answer unchanged', () => {
    const row = { id: 'c', version: 4, status: 'open' };
    expect(versioned(row)).toBe(row);
    expect(JSON.parse(JSON.stringify(row))).toEqual({ id: 'c', version: 4, status: 'open' });
    expect([...carriedHeaders(row)!.entries()]).toEqual([['ETag', '"4"']]);
  });
});
