import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from '../session';

/** Where everyone starts: a citizen reports or follows a defect without signing in; staff sign in. */
export function HomePage() {
  const { t } = useI18n();
  const signedIn = useSession();
  return (
    <section>
      <PageHeading title={t('home.title')} />
      <p class="lead">{t('home.intro')}</p>
      <ul class="cards">
        <li class="card">
          <h2>
            <Link href="/report">{t('home.report.title')}</Link>
          </h2>
          <p>{t('home.report.text')}</p>
        </li>
        <li class="card">
          <h2>
            <Link href="/follow">{t('home.follow.title')}</Link>
          </h2>
          <p>{t('home.follow.text')}</p>
        </li>
        {!signedIn && (
          <li class="card">
            <h2>
              <Link href="/sign-in">{t('home.staff.title')}</Link>
            </h2>
            <p>{t('home.staff.text')}</p>
          </li>
        )}
      </ul>
    </section>
  );
}
