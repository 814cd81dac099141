import { useState } from 'preact/hooks';
import { answer, api, ApiError } from '../api';
import { todayInAlmaty } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { useDraftForm } from '../use-draft-form';
import { commandHeader } from '../use-send';
import { CodeField, InputField } from './field.component';
import { ConflictNotice, ErrorNotice } from './notices.component';
import { StepForm } from './step-form.component';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Another report it may repeat, offered to the moderator with a short description. */
export interface Candidate {
  id: string;
  label: string;
}

type Draft = { duplicateOf: string; meetingDate: string };

/**
 * A refusal in words the moderator can act on: a 400 naming a field is said beside that field, a 409 for the
 * report's status names the status; anything else (and the service's own words) goes to the notice.
 */
function explain(error: unknown, t: Translate): Partial<Draft> | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.body?.field;
  if (error.status === 400 && field === 'duplicateOf') return { duplicateOf: t('duplicate.error.unknown') };
  if (error.status === 400 && field === 'meetingDate') return { meetingDate: t('duplicate.error.meetingDate') };
  return null;
}

/**
 * The moderator marks a report under review a duplicate of another (its number typed, or one of the nearby reports
 * picked), at the version the page read: a change meanwhile is a conflict to reload, not an overwrite.
 */
export function MarkDuplicateForm(props: {
  report: { id: string; version: number };
  candidates: Candidate[];
  onDone: (text: string) => void;
}) {
  const { t } = useI18n();
  const { id } = props.report;
  const {
    draft,
    update,
    bind,
    check: fail,
  } = useDraftForm<Draft>(`duplicate-${id}`, { duplicateOf: '', meetingDate: todayInAlmaty() });
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const duplicateOf = draft.duplicateOf.trim();
    setFailure(null);
    if (!UUID.test(duplicateOf)) return fail({ duplicateOf: t('audit.error.id') });
    if (duplicateOf === id) return fail({ duplicateOf: t('duplicate.error.self') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.meetingDate)) return fail({ meetingDate: t('duplicate.error.meetingDate') });
    fail({});
    setBusy(true);
    try {
      await answer(
        api.monitoring.POST('/reports/{id}/mark-duplicate', {
          params: {
            path: { id },
            header: commandHeader(props.report.version),
          },
          body: { duplicateOf, meetingDate: draft.meetingDate },
        }),
      );
      props.onDone(t('duplicate.done', { id, of: duplicateOf }));
    } catch (caught) {
      const beside = explain(caught, t);
      if (beside) fail(beside);
      else setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  const status =
    failure instanceof ApiError && failure.body?.error === 'illegal_transition' ? failure.body.status : null;
  return (
    <StepForm words="duplicate" titleId={`duplicate-${id}-title`} busy={busy} onSubmit={() => void submit()}>
      {failure instanceof ApiError && failure.isVersionConflict && (
        <ConflictNotice onReload={() => props.onDone(t('review.reloaded'))} />
      )}
      {typeof status === 'string' && (
        <p class="notice notice-error" role="alert">
          {t('duplicate.error.status', { status: t(`reportStatus.${status}`) })}
        </p>
      )}
      {failure !== null && !(failure instanceof ApiError && (failure.isVersionConflict || status)) && (
        <ErrorNotice error={failure} />
      )}
      <CodeField {...bind('duplicateOf')} label={t('duplicate.of')} hint={t('duplicate.ofHint')} />
      {props.candidates.length > 0 && (
        <div class="candidates">
          <p id={`duplicate-${id}-nearby`}>{t('duplicate.nearby')}</p>
          <ul class="plain" aria-labelledby={`duplicate-${id}-nearby`}>
            {props.candidates.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  class="secondary"
                  data-candidate={c.id}
                  onClick={() => update({ duplicateOf: c.id })}
                >
                  {t('duplicate.use', { report: c.label })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <InputField {...bind('meetingDate')} label={t('review.meetingDate')} type="date" />
    </StepForm>
  );
}
