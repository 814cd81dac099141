import { ERROR_RESPONSE_NAMES } from '../openapi/error-responses';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_TTL_SECONDS, IDEMPOTENT_REPLAYED_HEADER } from './idempotency-key';

type Operation = {
  parameters?: { in: string; name: string }[];
  responses: Record<string, { $ref?: string; headers?: unknown }>;
};

const SUCCESS = new Set(['200', '201', '202', '204']);

/** What IdempotencyInterceptor adds to every POST: the optional header, its replay marker, its 409 and 422. */
export function describeIdempotencyKey(operation: Operation, method: string): void {
  if (method !== 'post') return;
  operation.parameters = [
    ...(operation.parameters ?? []),
    {
      in: 'header',
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        `Makes a retry safe: the first answer to this key (per caller; callers without a token share one space) is ` +
        `kept ${IDEMPOTENCY_KEY_TTL_SECONDS / 3600} h with a hash of the request, and the same request again gets it ` +
        `back (${IDEMPOTENT_REPLAYED_HEADER}: true) without running twice. Another request under the key is a 422; ` +
        'one still running a 409 (Retry-After). A 5xx is not kept. A UUID is a good key.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
    } as never,
  ];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!SUCCESS.has(status) || response.$ref) continue;
    response.headers = {
      ...(response.headers as object | undefined),
      [IDEMPOTENT_REPLAYED_HEADER]: {
        description: `\`true\` on an answer stored for an earlier request with the same ${IDEMPOTENCY_KEY_HEADER}.`,
        schema: { type: 'string', enum: ['true'] },
      },
    };
  }
  for (const status of [400, 409, 422])
    operation.responses[status] ??= { $ref: `#/components/responses/${ERROR_RESPONSE_NAMES[status]}` };
}
