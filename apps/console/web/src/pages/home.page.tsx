import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from '../session';

/** Where everyone starts: a citizen reports or follows a defect without signing in; staff sign in. */
export function HomePage() {
  const { t } = useI18n();
  const signedIn = useSession();
  // What anyone can do, and for staff not yet signed in, where to.
  const cards = [
    { name: 'report', href: '/report' },
    { name: 'follow', href: '/follow' },
    { name: 'roadMap', href: '/map' },
    { name: 'budgets', href: '/programmes' },
    { name: 'budgetMap', href: '/budget-map' },
    { name: 'fineStats', href: '/fines/stats' },
    { name: 'publicControl', href: '/public-control' },
    ...(signedIn ? [] : [{ name: 'staff', href: '/sign-in' }]),
  ];
  return (
    <section>
      <PageHeading title={t('home.title')} lead={t('home.intro')} />
      <ul class="cards">
        {cards.map((card) => (
          <li key={card.href} class="card">
            <h2>
              <Link href={card.href}>{t(`home.${card.name}.title`)}</Link>
            </h2>
            <p>{t(`home.${card.name}.text`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
