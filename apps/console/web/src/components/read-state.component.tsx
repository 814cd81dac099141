import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from './notices.component';

/**
 * What a page shows of a read (`useRead`) while it has nothing else to show of it: the read's failure, or that it is
 * loading. Once an answer has come and none failed since, nothing.
 */
export function ReadState(props: { read: { data: unknown; failure: unknown } }) {
  const { t } = useI18n();
  const { data, failure } = props.read;
  if (failure !== null) return <ErrorNotice error={failure} />;
  if (data === null) return <p role="status">{t('form.loading')}</p>;
  return null;
}
