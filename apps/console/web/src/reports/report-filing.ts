import { useState } from 'preact/hooks';
import type { ServicePaths } from '@app/api-client';
import { answer, api, idempotencyKey } from '../api';
import { useI18n } from '../i18n/i18n-context';
import { useSend } from '../use-send';

/** What POST /reports takes: a road defect or a doubt about a budget line. */
export type ReportBody = ServicePaths['monitoring']['/reports']['post']['requestBody']['content']['application/json'];

/** A filed report: its number (how it is followed) and its receipt in the transparency log. */
export interface FiledReport {
  id: string;
  receipt: string;
}

/**
 * Filing a report with monitoring, signed in as a citizen or not: one Idempotency-Key per report being written (a
 * retry after a lost answer files it once), the service's refusal if any, and the report once filed.
 */
export function useReportFiling() {
  // The reporter is told of each step (by e-mail, if they leave one) in the language they chose, else this page's.
  const { language } = useI18n();
  const { failure, setFailure, busy, send } = useSend();
  const [filed, setFiled] = useState<FiledReport | null>(null);
  const [key, setKey] = useState(idempotencyKey);

  /** Files it; true once filed (the form may then be emptied), false when refused (the failure says why). */
  const file = (body: ReportBody): Promise<boolean> =>
    send(async () => {
      const { data } = await answer(
        api.monitoring.POST('/reports', {
          params: { header: { 'Idempotency-Key': key } },
          body: { ...body, language: body.language ?? language },
        }),
      );
      setFiled({ id: data.id, receipt: data.events[0]?.receipt ?? '' });
      setKey(idempotencyKey());
    });

  return { failure, setFailure, busy, filed, another: () => setFiled(null), file };
}
