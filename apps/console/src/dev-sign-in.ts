import type { IncomingMessage } from 'node:http';
import { BIN_PATTERN, isRole, issueDevToken, ROLES } from '@app/platform';
import type { DevSignIn } from './console-config';
import { readBody } from './request-body';

export interface Answer {
  status: number;
  body: unknown;
}

const refused = (status: number, error: string, message: string): Answer => ({
  status,
  body: { statusCode: status, error, message },
});

/** A user id as tokens carry it: letters, digits and . _ @ -, as the services' actor ids are shown. */
const SUBJECT = /^[A-Za-z0-9._@-]{1,100}$/;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
const MAX_BODY_BYTES = 4096;

/**
 * POST /console/dev-token: a development token for the role and user id the sign-in page picked, signed with the
 * secret the services accept outside production, so the page needs no secret of its own. It answers only a request
 * to a loopback address (Host), from this origin (Origin, when the browser sends one) with a JSON body: a page of
 * another site, or one reached through a DNS name that points here, cannot obtain a token.
 */
export async function devToken(req: IncomingMessage, devSignIn: DevSignIn | null): Promise<Answer> {
  if (!devSignIn)
    return refused(
      403,
      'Forbidden',
      'Development sign-in is off (NODE_ENV=production, or no shared JWT secret): tokens come from the identity provider',
    );
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host))
    return refused(403, 'Forbidden', 'Development sign-in answers only on a loopback address (127.0.0.1, localhost)');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`)
    return refused(403, 'Forbidden', `Development sign-in answers only this console's own pages, not ${origin}`);
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    return refused(415, 'Unsupported Media Type', 'The body must be JSON (Content-Type: application/json)');

  let body: { role?: unknown; sub?: unknown; bin?: unknown };
  try {
    body = JSON.parse(await readBody(req, MAX_BODY_BYTES));
  } catch (error) {
    return refused(400, 'Bad Request', `body: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null) return refused(400, 'Bad Request', 'body must be a JSON object');
  const { role, sub, bin } = body;
  if (!isRole(role)) return refused(400, 'Bad Request', `role must be one of ${ROLES.join(', ')}`);
  if (typeof sub !== 'string' || !SUBJECT.test(sub))
    return refused(400, 'Bad Request', 'sub must be 1-100 letters, digits or . _ @ -');
  if (role === 'contractor' && (typeof bin !== 'string' || !BIN_PATTERN.test(bin)))
    return refused(400, 'Bad Request', "bin must be the contractor's 12-digit BIN");
  const token = issueDevToken(
    devSignIn.secret,
    { sub, role, bin: role === 'contractor' ? (bin as string) : undefined },
    { expiresIn: devSignIn.lifetimeSeconds, issuer: devSignIn.issuer, audience: devSignIn.audience },
  );
  const expiresAt = new Date(Date.now() + devSignIn.lifetimeSeconds * 1000).toISOString();
  return { status: 200, body: { token, role, sub, ...(role === 'contractor' ? { bin } : {}), expiresAt } };
}
