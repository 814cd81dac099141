import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Clock, ForbiddenError, TooManyRequestsError } from '@app/domain-kernel';
import { TokenBuckets } from '@app/platform';
import { OPEN311_CONFIG, type Open311Config } from './open311.config';

/**
 * The clients registered to post with an api_key (a FixMyStreet install, a city's app), known by their key's
 * SHA-256 only, and the allowance each one files under.
 */
@Injectable()
export class Open311Clients {
  private readonly buckets: TokenBuckets;

  constructor(
    @Inject(OPEN311_CONFIG) private readonly config: Open311Config,
    clock: Clock,
  ) {
    this.buckets = new TokenBuckets(config.clientAllowance, () => clock.now().getTime());
  }

  /**
   * The registered client this key is, else a 403 as the spec has it (a wrong api_key). The key's digest is
   * compared with every client's in constant time, none skipped, so neither a match's place nor a near miss shows
   * in the time the answer takes.
   */
  identify(apiKey: string): string {
    const digest = createHash('sha256').update(apiKey, 'utf8').digest();
    let found: string | undefined;
    for (const client of this.config.clients) {
      if (timingSafeEqual(digest, client.keySha256)) found ??= client.name;
    }
    if (found === undefined)
      throw new ForbiddenError(
        "Invalid api_key received -- can't proceed with create_request: it is no key this server registered (post without one as an anonymous client)",
      );
    return found;
  }

  /** One report filed by this client: a client over its allowance is answered 429 with Retry-After. */
  take(client: string): void {
    const wait = this.buckets.take(client);
    if (wait > 0)
      throw new TooManyRequestsError(
        `Too many requests from the registered client ${client}; try again in ${wait} s`,
        wait,
      );
  }
}
