import { useState } from 'preact/hooks';
import { ApiError, type OidcSettings } from '../api';
import { draftBinder, InputField, SelectField } from '../components/field.component';
import { ErrorNotice } from '../components/notices.component';
import { OidcErrorNotice } from '../components/oidc-error-notice.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';
import { startOidcSignIn } from '../oidc-sign-in';
import { currentLocation, isLocalPath, navigate } from '../router';
import { signIn, type Role, type Session } from '../session';
import { useSettings } from '../settings';

const ROLES: Role[] = ['moderator', 'inspector', 'official', 'contractor', 'citizen', 'auditor', 'operator'];
/** Where each role's work is. */
export const START: Record<Role, string> = {
  moderator: '/review',
  inspector: '/cases',
  official: '/cases',
  contractor: '/cases',
  auditor: '/cases',
  citizen: '/report',
  operator: '/',
};

/**
 * Sign-in through the identity provider when one is configured (OpenID Connect, oidc-sign-in.ts), and development
 * sign-in (the embedded default only): pick a role and a user id, and the console server signs a token with the
 * secret the services accept outside production. With NODE_ENV=production the server refuses it.
 */
export function SignInPage() {
  const { t } = useI18n();
  const settings = useSettings();
  return (
    <section>
      <PageHeading title={t('signIn.title')} />
      {settings.oidc && <ProviderSignIn settings={settings.oidc} />}
      {settings.devSignIn && <DevSignIn />}
      {!settings.oidc && !settings.devSignIn && <p>{t('signIn.unavailable')}</p>}
    </section>
  );
}

/** One button: off to the provider's own sign-in page, and back to /sign-in/callback. */
function ProviderSignIn(props: { settings: OidcSettings }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await startOidcSignIn(props.settings, currentLocation().searchParams.get('next'));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <div class="form narrow">
      {error !== null && <OidcErrorNotice error={error} />}
      <button type="button" data-testid="oidc-sign-in" disabled={busy} onClick={start}>
        {t('signIn.withProvider', { provider: props.settings.name })}
      </button>
    </div>
  );
}

function DevSignIn() {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ role: 'moderator' as Role, sub: '', bin: '123456789012' });
  const bind = draftBinder('sign-in', draft, {}, (change) => setDraft((d) => ({ ...d, ...change })));
  const { role, sub, bin } = draft;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/console/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, sub: sub.trim() || `dev-${role}`, ...(role === 'contractor' ? { bin } : {}) }),
      });
      const body = (await response.json()) as Session & ApiError['body'];
      if (!response.ok) throw new ApiError(response.status, body, undefined);
      signIn({ token: body.token, role: body.role, sub: body.sub, bin: body.bin, expiresAt: body.expiresAt });
      const next = currentLocation().searchParams.get('next');
      navigate(next && isLocalPath(next) ? next : START[role]);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} class="form narrow">
      <p class="notice notice-info">{t('signIn.devNotice')}</p>
      <SelectField
        {...bind('role')}
        label={t('signIn.role')}
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <InputField
        {...bind('sub')}
        label={t('signIn.userId')}
        hint={t('signIn.userIdHint', { example: `dev-${role}` })}
        maxLength={100}
        pattern="[A-Za-z0-9._@\-]+"
        autoComplete="username"
      />
      {role === 'contractor' && (
        <InputField
          {...bind('bin')}
          label={t('signIn.bin')}
          hint={t('signIn.binHint')}
          required
          inputMode="numeric"
          pattern="\d{12}"
          maxLength={12}
        />
      )}
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}
