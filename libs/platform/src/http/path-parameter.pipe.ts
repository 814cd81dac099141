import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { UUID_PATTERN } from '@app/contracts';
import { ValidationFailedError } from '@app/domain-kernel';

interface Shape {
  test: RegExp;
  problem: string;
  /** What the OpenAPI documents say of the parameter: the same rule, stated once. */
  schema: Record<string, unknown>;
}

const UUID: Shape = {
  test: UUID_PATTERN,
  problem: 'must be a UUID',
  schema: { type: 'string', format: 'uuid' },
};

/**
 * Every path parameter of every service, by name, with the shape its ids have: a value of another shape names no
 * stream, so it is refused before any query (a uuid column would fail on it, a text one would scan for nothing).
 * A route that takes a parameter not named here fails the OpenAPI document, built at start-up: none goes unchecked.
 */
export const PATH_PARAMETERS: Record<string, Shape | 'handler'> = {
  id: UUID,
  eventId: UUID,
  pingId: UUID,
  offenceId: UUID,
  subject: UUID,
  bin: {
    test: /^\d{12}$/,
    problem: 'must be a BIN (12 digits)',
    schema: { type: 'string', pattern: '^\\d{12}$' },
  },
  // A recommendation's number in a final document of public control (monitoring's /control-documents).
  number: {
    test: /^[1-9]\d{0,2}$/,
    problem: 'must be a recommendation number (1 to 999)',
    schema: { type: 'integer', minimum: 1, maximum: 999 },
  },
  // A district as reports name it (RoadDefectDto.district: 1 to 100 characters), any script: Taraz, Есиль.
  district: {
    // eslint-disable-next-line no-control-regex
    test: /^[^\u0000-\u001f/]{1,100}$/u,
    problem: 'must be a district name (1 to 100 characters, no control characters or /)',
    schema: { type: 'string', minLength: 1, maxLength: 100 },
  },
  // A stored photo's name: the SHA-256 of its bytes, in lower-case hex (@app/photo-evidence's GET /photos/{sha256}).
  sha256: {
    test: /^[0-9a-f]{64}$/,
    problem: 'must be a SHA-256 in lower-case hex (64 characters 0-9a-f)',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  streamId: {
    test: /^[A-Za-z0-9._:-]{1,200}$/,
    problem: 'must be a stream id (1 to 200 letters, digits and . _ : -)',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,200}$' },
  },
  // Their handlers parse them and name what they take (an export's year and format, an Open311 service code, the
  // extension of an Open311 resource, which may also be left off).
  file: 'handler',
  code: 'handler',
  format: 'handler',
};

/** Refuses, with a 400 naming it, a path parameter not of its documented shape (PATH_PARAMETERS). */
@Injectable()
export class PathParameterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param') return value;
    const entries =
      metadata.data === undefined ? Object.entries((value ?? {}) as object) : [[metadata.data, value] as const];
    for (const [name, given] of entries) {
      const shape = PATH_PARAMETERS[name];
      if (shape === undefined || shape === 'handler') continue;
      if (!(typeof given === 'string' && shape.test.test(given)))
        throw new ValidationFailedError(name, `${name} ${shape.problem}`);
    }
    return value;
  }
}
