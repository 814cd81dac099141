import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/roles';

/** What follows one request or message through the code: ids that every log line and event carries. */
export interface RequestContext {
  correlationId: string;
  requestId: string;
  causationId?: string;
  /** The caller named the thread (X-Correlation-Id, or an incoming message); else it was made for this request. */
  correlationGiven?: boolean;
  /** For an incoming message: the service whose signature it carried (`service:monitoring`), recorded with the actor. */
  via?: string;
  /** Who the request is from, once the auth guard verified the token: what reads mask personal data for. */
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
