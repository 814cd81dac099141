// The public audit routes of a service (GET /audit/checkpoint, /audit/proofs/..., /audit/receipts/..., POST
// /audit/cosignatures), for the witness and the receipt checker. Answers are checked for shape here; what they
// prove is checked by libs/transparency and the receipt checker.
import { MalformedAnswer, parseConsistencyAnswer } from '@app/transparency';

/** The log could not be asked, or answered outside the API: the check could not be done (exit 2). */
export class AuditHttpError extends Error {}

/** 404 with Retry-After on a receipt: the event is recorded but no checkpoint covers it yet. */
export class NotYetCovered extends AuditHttpError {
  constructor(
    readonly eventId: string,
    readonly retryAfter: string,
  ) {
    super(`event ${eventId} is not covered by a checkpoint yet (the log says retry after ${retryAfter} s)`);
  }
}

export interface CosignatureAccepted {
  size: number;
  witness: string;
}

const TIMEOUT_MS = 15_000;

/** A base URL as given (http://127.0.0.1:3002, with or without a trailing slash or a path prefix), or throws. */
export function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuditHttpError(`--url "${value}" is not a URL (e.g. http://127.0.0.1:3002)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AuditHttpError(`--url "${value}" is not http or https`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (body.message !== undefined) return Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 300) || response.statusText;
}

export class AuditHttpClient {
  private readonly base: URL;

  constructor(baseUrl: string) {
    this.base = parseBaseUrl(baseUrl);
  }

  get url(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const url = new URL(path, this.base);
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new AuditHttpError(`${init?.method ?? 'GET'} ${url} failed: ${why}`);
    }
  }

  private async json(path: string): Promise<unknown> {
    const response = await this.request(path);
    if (response.status !== 200)
      throw new AuditHttpError(
        `GET ${new URL(path, this.base)} answered ${response.status}: ${await messageOf(response)}`,
      );
    try {
      return await response.json();
    } catch {
      throw new AuditHttpError(`GET ${new URL(path, this.base)} did not answer JSON`);
    }
  }

  /** The latest signed checkpoint note, exactly as served. */
  async latestCheckpoint(): Promise<string> {
    const response = await this.request('audit/checkpoint');
    if (response.status === 404)
      throw new AuditHttpError(
        `${this.url} has no checkpoint yet (GET /audit/checkpoint answered 404): try again once it has signed one`,
      );
    if (response.status !== 200)
      throw new AuditHttpError(
        `GET ${this.url}/audit/checkpoint answered ${response.status}: ${await messageOf(response)}`,
      );
    // The note is UTF-8 bytes; decode strictly so that a byte the log sent is not silently replaced.
    const bytes = new Uint8Array(await response.arrayBuffer());
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new AuditHttpError(`GET ${this.url}/audit/checkpoint: the note is not UTF-8`);
    }
  }

  /** The RFC 9162 consistency proof from `from` to `to`, its hashes decoded. */
  async consistencyProof(from: number, to: number): Promise<Buffer[]> {
    const body = await this.json(`audit/proofs/consistency?from=${from}&to=${to}`);
    try {
      return parseConsistencyAnswer(body, from, to);
    } catch (error) {
      if (error instanceof MalformedAnswer)
        throw new AuditHttpError(`GET ${this.url}/audit/proofs/consistency: ${error.message}`);
      throw error;
    }
  }

  /** The event's current receipt (parsed JSON, unchecked); undefined on a plain 404; NotYetCovered with Retry-After. */
  async receipt(eventId: string): Promise<unknown | undefined> {
    const response = await this.request(`audit/receipts/${encodeURIComponent(eventId)}`);
    if (response.status === 404) {
      const retryAfter = response.headers.get('retry-after');
      if (retryAfter !== null) throw new NotYetCovered(eventId, retryAfter);
      return undefined;
    }
    if (response.status !== 200)
      throw new AuditHttpError(
        `GET ${this.url}/audit/receipts/${eventId} answered ${response.status}: ${await messageOf(response)}`,
      );
    try {
      return await response.json();
    } catch {
      throw new AuditHttpError(`GET ${this.url}/audit/receipts/${eventId} did not answer JSON`);
    }
  }

  /** POSTs a cosignature line; a refusal (4xx) is an AuditHttpError carrying the log's message. */
  async postCosignature(size: number, witnessKey: string, signature: string): Promise<CosignatureAccepted> {
    const response = await this.request('audit/cosignatures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size, witnessKey, signature }),
    });
    if (response.status !== 201 && response.status !== 200) {
      throw new AuditHttpError(
        `the log refused the cosignature of size ${size} (POST /audit/cosignatures answered ${response.status}: ${await messageOf(response)})`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as Partial<CosignatureAccepted>;
    return { size: Number(body.size ?? size), witness: String(body.witness ?? '') };
  }
}
