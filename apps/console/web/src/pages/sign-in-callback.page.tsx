import { useEffect, useState } from 'preact/hooks';
import { consoleSettings } from '../api';
import { LinkLine } from '../components/link.component';
import { OidcErrorNotice } from '../components/oidc-error-notice.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';
import { CALLBACK_PATH, completeOidcSignIn, OidcSignInError } from '../oidc-sign-in';
import { currentLocation, navigate } from '../router';
import { signIn } from '../session';
import { START } from './sign-in.page';

/**
 * Where the identity provider sends the browser back (/sign-in/callback?code=…&state=…): the code is exchanged once,
 * the session kept in memory, and the address replaced, so neither the code nor this page stays in the history.
 */
export function SignInCallbackPage() {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const callback = currentLocation();
    // The settings are read here, not from the context: this page may be the first the console shows.
    consoleSettings()
      .then(({ oidc }) => {
        if (!oidc) throw new OidcSignInError('provider', 'CONSOLE_OIDC_ISSUER is not set');
        return completeOidcSignIn(oidc, callback);
      })
      .then(
        ({ session, next }) => {
          signIn(session);
          navigate(next || START[session.role], { replace: true });
        },
        (caught: unknown) => {
          // The code is spent or refused either way; keep it out of the address bar and the history.
          window.history.replaceState(null, '', CALLBACK_PATH);
          setError(caught);
        },
      );
  }, []);
  return (
    <section>
      <PageHeading title={t('signIn.title')} />
      {error === null ? (
        <p role="status">{t('signIn.oidc.completing')}</p>
      ) : (
        <>
          <OidcErrorNotice error={error} />
          <LinkLine href="/sign-in">{t('signIn.oidc.again')}</LinkLine>
        </>
      )}
    </section>
  );
}
