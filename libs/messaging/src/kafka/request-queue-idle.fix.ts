// kafkajs 2.2.4, its last release, polls every connection's request queue once a millisecond while nothing is pending
// and nothing throttles it (kafkajs issues 1704 and 1751): scheduleCheckPendingRequests sets a timer of
// `throttledUntil - Date.now()`, negative when there is no throttle (-1), which Node runs after 1 ms, and the check it
// runs schedules the next. Each service and bench process holds several connections, so that is thousands of empty
// wake-ups a second on cores the messages wait for. The fix upstream discussed, applied to the class kafkajs itself
// uses: a queue with nothing pending and no throttle schedules nothing. Nothing is lost by it: a request pushed
// while it cannot be sent schedules its own check (pending > 0), a reply checks the queue, and a throttle still
// schedules the check for when it ends.
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

/** kafkajs's own interval for a queue with pending requests it may not send yet. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/** What the fix reads and sets of a kafkajs RequestQueue. */
export interface RequestQueueTimerState {
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  throttledUntil: number;
  pending: unknown[];
  checkPendingRequests(): void;
}

/** kafkajs's scheduleCheckPendingRequests, less the timer it sets when there is nothing to check. */
export function scheduleCheckPendingRequests(this: RequestQueueTimerState): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && untilUnthrottled <= 0) return;
  const delay =
    this.pending.length > 0 && untilUnthrottled <= 0 ? CHECK_PENDING_REQUESTS_INTERVAL_MS : untilUnthrottled;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

const prototype = RequestQueue.prototype as { scheduleCheckPendingRequests: () => void };
/** kafkajs's own method, kept so its spec can show what the fix changes. */
export const kafkajsScheduleCheckPendingRequests = prototype.scheduleCheckPendingRequests;

/**
 * Installs the fix on the class (idempotent: createKafkaClient calls it for each client, so every client of the
 * services and scripts has it; a client made with a plain `new Kafka` has it once one of those was made).
 */
export function stopIdleRequestQueuePolling(): void {
  prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}
