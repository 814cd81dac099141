import { useI18n } from '../i18n/i18n-context';
import { OidcSignInError } from '../oidc-sign-in';
import { ErrorNotice } from './notices.component';

/** Why a sign-in through the identity provider did not complete, in the reader's language; its own words follow. */
export function OidcErrorNotice(props: { error: unknown }) {
  const { t } = useI18n();
  if (!(props.error instanceof OidcSignInError)) return <ErrorNotice error={props.error} />;
  const { problem, detail } = props.error;
  return (
    <div class="notice notice-error" role="alert" data-testid="oidc-error">
      <p>{t(`signIn.oidc.${problem}`)}</p>
      {detail && (
        <p class="detail">
          {t('signIn.oidc.said')} <span lang="en">{detail}</span>
        </p>
      )}
    </div>
  );
}
