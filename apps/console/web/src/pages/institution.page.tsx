import { answer, api } from '../api';
import { TableSection } from '../components/table-section.component';
import { LinkLine } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ProgrammeLink } from '../components/programme-link.component';
import { ReadState } from '../components/read-state.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';

/** The programmes one page of the institution shows; the register lists the rest (linked below the table). */
const PROGRAMMES_SHOWN = 200;

const loadInstitution = async (bin: string) => {
  const [institution, programmes] = await Promise.all([
    answer(api.budgets.GET('/institutions/{bin}', { params: { path: { bin } } })).then(({ data }) => data),
    answer(api.budgets.GET('/programmes', { params: { query: { institution: bin, limit: PROGRAMMES_SHOWN } } })).then(
      ({ data }) => data,
    ),
  ]);
  if (!('registeredAt' in institution)) throw new Error('an institution read without ?asOf= is the register row');
  return { institution, programmes };
};

/** One institution, for anyone: what budgets registered of it, the years it disclosed, and its programmes. */
export function InstitutionPage(props: { bin: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const read = useRead(() => loadInstitution(props.bin), [props.bin]);
  if (read.failure || !read.data) return <ReadState read={read} />;
  const { institution: i, programmes } = read.data;

  return (
    <section>
      <PageHeading title={i.name} />
      <LinkLine href="/institutions">{t('institution.back')}</LinkLine>
      <dl class="facts" data-testid="institution-facts">
        <Fact label={t('institutions.bin')}>
          <code>{i.bin}</code>
        </Fact>
        <Fact label={t('report.district')}>{districtName(t, i.district)}</Fact>
        <Fact label={t('institutions.kind')}>{t(`institutionKind.${i.kind}`)}</Fact>
        <Fact label={t('institutions.registered')}>{format.dateTime(i.registeredAt)}</Fact>
        <Fact label={t('institutions.disclosed')}>
          {i.disclosedYears.length > 0 ? i.disclosedYears.join(', ') : t('institution.noDisclosure')}
        </Fact>
      </dl>
      <TableSection
        title={t('institution.programmes', { total: programmes.total })}
        none={t('institution.noProgrammes')}
        testId="institution-programmes"
        items={programmes.items}
        columns={[
          { label: t('programmes.programme'), cell: (p) => <ProgrammeLink programme={p} /> },
          { label: t('programmes.year'), cell: (p) => p.fiscalYear },
          { label: t('programmes.purpose'), cell: (p) => t(`purpose.${p.purpose}`) },
          { label: t('programmes.allocation'), money: true, cell: (p) => format.money(p.allocationTiyn) },
          { label: t('programmes.spent'), money: true, cell: (p) => format.money(p.spentTiyn) },
        ]}
        rowKey={(p) => p.id}
        keyAttribute="data-programme-id"
      />
      {programmes.total > programmes.items.length && (
        <LinkLine href={`/programmes?institution=${i.bin}`}>{t('institution.allProgrammes')}</LinkLine>
      )}
    </section>
  );
}
