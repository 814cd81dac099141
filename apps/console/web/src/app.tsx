import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { consoleSettings, type ConsoleSettings } from './api';
import { Link } from './components/link.component';
import { I18nContext, useI18n } from './i18n/i18n-context';
import { isLanguage, LANGUAGES, translator, type Language } from './i18n/translate';
import { AgendaPage } from './pages/agenda.page';
import { AuditPage } from './pages/audit.page';
import { BudgetMapPage } from './pages/budget-map.page';
import { CaseBoardPage } from './pages/case-board.page';
import { CasePage } from './pages/case.page';
import { ContractPage } from './pages/contract.page';
import { ContractorPage } from './pages/contractor.page';
import { ContractsPage } from './pages/contracts.page';
import { FineIssuePage } from './pages/fine-issue.page';
import { FinePage } from './pages/fine.page';
import { FinesStatsPage } from './pages/fines-stats.page';
import { FinesPage } from './pages/fines.page';
import { FollowPage } from './pages/follow.page';
import { HomePage } from './pages/home.page';
import { InstitutionPage } from './pages/institution.page';
import { InstitutionsPage } from './pages/institutions.page';
import { NotFoundPage } from './pages/not-found.page';
import { ProgrammePage } from './pages/programme.page';
import { ProgrammesPage } from './pages/programmes.page';
import { PublicCasePage } from './pages/public-case.page';
import { PublicControlPage } from './pages/public-control.page';
import { RaidPlanPage } from './pages/raid-plan.page';
import { RaidPage } from './pages/raid.page';
import { RaidsPage } from './pages/raids.page';
import { ReportPage } from './pages/report.page';
import { ReviewPage } from './pages/review.page';
import { RoadMapPage } from './pages/road-map.page';
import { SignInCallbackPage } from './pages/sign-in-callback.page';
import { SignInPage } from './pages/sign-in.page';
import { CALLBACK_PATH } from './oidc-sign-in';
import { publicPages } from './public-pages';
import { navigate, useLocation } from './router';
import { signOut, useSession } from './session';
import { SettingsContext } from './settings';

const LANGUAGE_KEY = 'console.language';

/** The reader's language: the one they chose here before (a preference, not a secret), else their browser's. */
function initialLanguage(): Language {
  const chosen = window.localStorage.getItem(LANGUAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  const browser = navigator.languages.map((l) => l.slice(0, 2)).find(isLanguage);
  return browser ?? 'kk';
}

/** The pages of one record: /cases/{id}, /programmes/{id}, /fines/{id}, /raids/{id}, /institutions/{bin}, … */
const RECORD_PAGES: Record<string, (id: string) => JSX.Element> = {
  cases: (id) => <CasePage id={id} />,
  programmes: (id) => <ProgrammePage id={id} />,
  fines: (id) => <FinePage id={id} />,
  raids: (id) => <RaidPage id={id} />,
  institutions: (bin) => <InstitutionPage bin={bin} />,
  contracts: (id) => <ContractPage id={id} />,
  contractors: (bin) => <ContractorPage bin={bin} />,
};

function route(path: string) {
  // The statistics are a page of their own, not a fine named "stats".
  if (path === '/fines/stats') return <FinesStatsPage />;
  // Planning a raid is a page of its own, not a raid named "new".
  if (path === '/raids/new') return <RaidPlanPage />;
  // Issuing a fine is a page of its own, not a fine named "new".
  if (path === '/fines/new') return <FineIssuePage />;
  const recordMatch = /^\/(cases|programmes|fines|raids|institutions|contracts|contractors)\/([^/]+)$/.exec(path);
  if (recordMatch) return RECORD_PAGES[recordMatch[1]](decodeURIComponent(recordMatch[2]));
  // A case's public face, for anyone: /cases/{id} is the staff's page of it.
  const publicCaseMatch = /^\/public\/cases\/([^/]+)$/.exec(path);
  if (publicCaseMatch) return <PublicCasePage id={decodeURIComponent(publicCaseMatch[1])} />;
  const auditMatch = /^\/audit(?:\/([^/]+)\/([^/]+))?$/.exec(path);
  if (auditMatch)
    return <AuditPage kind={auditMatch[1]} id={auditMatch[2] ? decodeURIComponent(auditMatch[2]) : undefined} />;
  const followMatch = /^\/follow(?:\/([^/]+))?$/.exec(path);
  if (followMatch) return <FollowPage id={followMatch[1] ? decodeURIComponent(followMatch[1]) : undefined} />;
  switch (path) {
    case '/':
      return <HomePage />;
    case '/report':
      return <ReportPage />;
    case '/sign-in':
      return <SignInPage />;
    case CALLBACK_PATH:
      return <SignInCallbackPage />;
    case '/review':
      return <ReviewPage />;
    case '/cases':
      return <CaseBoardPage />;
    case '/programmes':
      return <ProgrammesPage />;
    case '/fines':
      return <FinesPage />;
    case '/institutions':
      return <InstitutionsPage />;
    case '/contracts':
      return <ContractsPage />;
    case '/contractors':
      return <ContractorPage />;
    case '/agenda':
      return <AgendaPage />;
    case '/raids':
      return <RaidsPage />;
    case '/public-control':
      return <PublicControlPage />;
    case '/map':
      return <RoadMapPage />;
    case '/budget-map':
      return <BudgetMapPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [settings, setSettings] = useState<ConsoleSettings>({ devSignIn: false, tileUrl: null, oidc: null });
  const i18n = useMemo(
    () => ({
      language,
      t: translator(language),
      setLanguage: (next: Language) => {
        window.localStorage.setItem(LANGUAGE_KEY, next);
        setLanguage(next);
      },
    }),
    [language],
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    consoleSettings().then(setSettings, () => undefined);
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      <SettingsContext.Provider value={settings}>
        <Shell />
      </SettingsContext.Provider>
    </I18nContext.Provider>
  );
}

function Shell() {
  const { t } = useI18n();
  const location = useLocation();
  const path = location.pathname;
  const first = useRef(true);
  // A new page is announced by moving focus to its heading (not on the first load: the reader starts at the top).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [path]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="site-header">
        <Link href="/" class="brand">
          {t('app.name')}
        </Link>
        <Navigation path={path} />
        <div class="header-tools">
          <LanguageSwitch />
          <SessionBox />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {route(path)}
      </main>
      <footer class="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

function Navigation(props: { path: string }) {
  const { t } = useI18n();
  const signedIn = useSession();
  const role = signedIn?.role;
  const links: { href: string; label: string }[] = publicPages(t);
  if (role === 'moderator')
    links.push({ href: '/review', label: t('nav.review') }, { href: '/agenda', label: t('nav.agenda') });
  if (role === 'inspector' || role === 'official' || role === 'auditor')
    links.push({ href: '/cases', label: t('nav.cases') });
  // Raids are read by the roles monitoring answers GET /raids for (officials see their fines on the fines page).
  if (role === 'moderator' || role === 'inspector' || role === 'auditor')
    links.push({ href: '/raids', label: t('nav.raids') });
  if (role === 'contractor') links.push({ href: '/cases', label: t('nav.myCases') });
  if (role === 'official' || role === 'auditor')
    links.push({ href: '/contractors', label: t('nav.contractors') }, { href: '/fines', label: t('nav.fines') });
  if (role === 'auditor') links.push({ href: '/audit', label: t('nav.audit') });
  // The link of this page, else of the list it belongs to (/fines/stats is its own link, not a fine of /fines).
  const current =
    links.find((link) => props.path === link.href) ?? links.find((link) => props.path.startsWith(`${link.href}/`));
  return (
    <nav aria-label={t('nav.label')}>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} current={link === current}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div class="language-switch">
      <label for="language">{t('lang.label')}</label>
      <select
        id="language"
        value={language}
        onChange={(event) => {
          const next = (event.currentTarget as HTMLSelectElement).value;
          if (isLanguage(next)) setLanguage(next);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function SessionBox() {
  const { t } = useI18n();
  const signedIn = useSession();
  if (!signedIn)
    return (
      <Link href="/sign-in" class="sign-in-link">
        {t('signIn.link')}
      </Link>
    );
  return (
    <div class="session">
      <span data-testid="signed-in-as">{t('signIn.as', { sub: signedIn.sub, role: t(`role.${signedIn.role}`) })}</span>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          // Signed in through the identity provider: its end-session page ends its session too, then sends the
          // browser back to the console's home (a page load, which forgets the token in any case).
          const away = signedIn.signOutUrl;
          signOut();
          if (away) window.location.assign(away);
          else navigate('/');
        }}
      >
        {t('signIn.signOut')}
      </button>
    </div>
  );
}
