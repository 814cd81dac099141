import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section>
      <PageHeading title={t('notFound.title')} />
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
