import { Injectable } from '@nestjs/common';
import type { ReportNotice } from '../read-models/citizen-notices/report-notices.columns';
import { noticeText } from './notice-texts';
import { SIGNATURE_HEADER, webhookSignature } from './webhook-signature';

const TIMEOUT_MS = 10_000;

/**
 * The body a subscriber receives (docs/webhooks.md): the notice's public facts, and its text in the reporter's
 * language. `noticeId` is the same on every retry and for every subscriber: a receiver keeps it to take each once.
 */
function webhookBody(notice: ReportNotice) {
  return {
    noticeId: notice.noticeId,
    kind: notice.kind,
    reportId: notice.reportId,
    reportVersion: notice.reportVersion,
    status: notice.status,
    caseId: notice.caseId,
    district: notice.district,
    institutionBin: notice.institutionBin,
    details: notice.details,
    occurredAt: new Date(notice.occurredAt).toISOString(),
    language: notice.language,
    text: noticeText(notice),
  };
}

/** A delivery to a subscriber: a signed POST; anything but a 2xx answer (or no answer in time) is a failure. */
@Injectable()
export class WebhookChannel {
  async send(target: { url: string; secret: string }, deliveryId: string, notice: ReportNotice): Promise<void> {
    const body = JSON.stringify(webhookBody(notice));
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'integrity-square-webhooks/1',
        [SIGNATURE_HEADER]: webhookSignature(target.secret, timestamp, body),
        'Integrity-Event': notice.kind,
        'Integrity-Delivery': deliveryId,
        'Integrity-Notice': notice.noticeId,
      },
      body,
    });
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`the subscriber answered HTTP ${response.status}`);
  }
}
