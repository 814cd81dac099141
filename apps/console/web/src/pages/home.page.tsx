import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';
import { publicPages } from '../public-pages';
import { useSession } from '../session';

/** Where everyone starts: a citizen reports or follows a defect without signing in; staff sign in. */
export function HomePage() {
  const { t } = useI18n();
  const signedIn = useSession();
  // What anyone can do (the public pages that have a card), and for staff not yet signed in, where to.
  const cards = [
    ...publicPages(t).flatMap((page) => (page.card ? [{ name: page.card, href: page.href }] : [])),
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
