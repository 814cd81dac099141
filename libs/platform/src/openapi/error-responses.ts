/**
 * The one error shape every service answers (DomainExceptionFilter): `statusCode`, a stable `error` code, a `message`
 * for people, and the details the caller needs to act (the field, the roles that may, both versions...).
 */
export const ERROR_SCHEMA_NAME = 'Error';

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: {
      type: 'integer',
      minimum: 400,
      maximum: 599,
      description: 'The HTTP status again, for clients that lose it.',
    },
    error: {
      type: 'string',
      description:
        'Stable machine-readable code: validation_failed, unauthenticated, forbidden, not_found, a conflict code...',
    },
    message: { type: 'string', description: 'What went wrong, for a person.' },
    field: { type: 'string', description: '400: the first field that failed.' },
    fields: {
      type: 'array',
      description: '400: every field that failed, with its problems.',
      items: {
        type: 'object',
        required: ['field', 'problems'],
        properties: { field: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } },
      },
    },
    requiredRoles: { type: 'array', items: { type: 'string' }, description: '403: the roles that may call the route.' },
  },
  additionalProperties: {
    description: 'Further details of the refusal, named for what they are (resource, id, versions...).',
  },
} as const;

type Example = { summary: string; value: Record<string, unknown> };

const EXAMPLES: Record<number, Record<string, Example>> = {
  400: {
    validation_failed: {
      summary: 'A field breaks its rule',
      value: {
        statusCode: 400,
        error: 'validation_failed',
        message: 'district must be shorter than or equal to 100 characters',
        field: 'district',
        fields: [{ field: 'district', problems: ['district must be shorter than or equal to 100 characters'] }],
      },
    },
  },
  401: {
    unauthenticated: {
      summary: 'No token, or one that does not verify',
      value: { statusCode: 401, error: 'unauthenticated', message: 'A valid bearer token is required' },
    },
  },
  403: {
    forbidden: {
      summary: 'The token has none of the roles',
      value: {
        statusCode: 403,
        error: 'forbidden',
        message: 'Requires one of the roles: inspector, official',
        requiredRoles: ['inspector', 'official'],
      },
    },
  },
  404: {
    not_found: {
      summary: 'Nothing has that id',
      value: {
        statusCode: 404,
        error: 'not_found',
        message: 'Case 0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f was not found',
        resource: 'Case',
        id: '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f',
      },
    },
  },
  409: {
    version_conflict: {
      summary: 'If-Match names a version that is no longer current',
      value: {
        statusCode: 409,
        error: 'version_conflict',
        message:
          'Stream 0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f is at version 3, not the expected 2; read it again and retry',
        streamId: '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f',
        expectedVersion: 2,
        actualVersion: 3,
      },
    },
  },
  422: {
    refused: {
      summary: 'Well-formed, but refused on its merits',
      value: {
        statusCode: 422,
        error: 'cosignature_refused',
        message: 'cosignature refused: signature does not verify',
        size: 42,
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request breaks a rule: the body, query or a path parameter (the field is named).',
  401: 'No bearer token where one is required, or a token that does not verify (also on a public route, when one is sent).',
  403: 'The token has none of the roles the route names.',
  404: 'Nothing has that id.',
  409: 'The step is not allowed in the current state, or If-Match names a stale version.',
  422: 'Well-formed, but refused on its merits.',
};

/** The shared Response Objects (components.responses), one per status, each named by it. */
export const ERROR_RESPONSE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Unprocessable',
};

export const errorResponseComponents = () =>
  Object.fromEntries(
    Object.entries(ERROR_RESPONSE_NAMES).map(([status, name]) => [name, errorResponse(Number(status))]),
  );

/** A Response Object for an error status, in the shared shape, with an example. */
export function errorResponse(status: number, description = DESCRIPTIONS[status] ?? 'Refused.') {
  return {
    description,
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` },
        ...(EXAMPLES[status] && { examples: EXAMPLES[status] }),
      },
    },
  };
}
