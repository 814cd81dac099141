import { ApiError } from '../api';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';

/** A service's refusal in the reader's language; the service's own words (English) follow, marked as English. */
export function describeError(error: unknown, t: Translate): { text: string; detail?: string } {
  if (!(error instanceof ApiError)) return { text: t('error.unexpected') };
  const message = Array.isArray(error.body?.message) ? error.body.message.join('; ') : error.body?.message;
  switch (true) {
    case error.status === 0:
      return { text: t('error.network') };
    case error.status === 400:
      return { text: t('error.badRequest'), detail: message };
    case error.status === 401:
      return { text: t('error.unauthenticated') };
    case error.status === 403:
      return { text: t('error.forbidden'), detail: message };
    case error.status === 404:
      return { text: t('error.notFound') };
    case error.isVersionConflict:
      return { text: t('conflict.message') };
    case error.status === 429:
      return { text: t('error.tooMany', { seconds: error.retryAfterSeconds ?? 60 }) };
    case error.status === 409 || error.status === 422:
      return { text: t('error.refused'), detail: message };
    default:
      return { text: t('error.unavailable') };
  }
}

/** An error announced as it appears (role=alert), with what the service said. */
export function ErrorNotice(props: { error: unknown }) {
  const { t } = useI18n();
  const { text, detail } = describeError(props.error, t);
  return (
    <div class="notice notice-error" role="alert">
      <p>{text}</p>
      {detail && (
        <p class="detail">
          {t('error.serviceSaid')} <span lang="en">{detail}</span>
        </p>
      )}
    </div>
  );
}

/**
 * The record changed since this page read it (a 409 to If-Match): nothing was overwritten, and what the reader typed
 * stays in the form until they reload the record and decide again.
 */
export function ConflictNotice(props: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-conflict" role="alert" data-testid="conflict">
      <p>
        <strong>{t('conflict.title')}</strong> {t('conflict.message')}
      </p>
      <button type="button" onClick={props.onReload}>
        {t('conflict.reload')}
      </button>
    </div>
  );
}

/** A command's refusal: a stale version (409 to If-Match) is a conflict to reload, anything else an error. */
export function CommandFailureNotice(props: { failure: unknown; onReload: () => void }) {
  const { failure } = props;
  if (failure === null) return null;
  if (failure instanceof ApiError && failure.isVersionConflict) return <ConflictNotice onReload={props.onReload} />;
  return <ErrorNotice error={failure} />;
}

/** A polite announcement of what just succeeded. */
export function SuccessNotice(props: { text: string }) {
  return (
    <div class="notice notice-success" role="status">
      <p>{props.text}</p>
    </div>
  );
}
