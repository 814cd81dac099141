import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from './notices.component';

/** A page's form ends so: that some fields need fixing, the service's refusal, and its button (saying it is sending). */
export function FormFooter(props: { errors: object; failure: unknown; busy: boolean; submit: string }) {
  const { t } = useI18n();
  return (
    <>
      {Object.keys(props.errors).length > 0 && (
        <p class="notice notice-error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      {props.failure !== null && <ErrorNotice error={props.failure} />}
      <button type="submit" disabled={props.busy}>
        {props.busy ? t('form.sending') : props.submit}
      </button>
    </>
  );
}
