import { LinkLine } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { useI18n } from '../i18n/i18n-context';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section>
      <PageHeading title={t('notFound.title')} />
      <LinkLine href="/">{t('notFound.home')}</LinkLine>
    </section>
  );
}
