import { api, dataOf } from '../api';
import { ScoreboardTable } from '../components/scoreboard-table.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { districtName } from '../districts';
import { useI18n } from '../i18n/i18n-context';
import { institutionNames } from '../scoreboard/institution-names';
import { useRead } from '../use-read';

const loadScoreboard = async () => (await dataOf(api.monitoring.GET('/reports/stats'))).publicControl;

/**
 * The public scoreboard of public control, for anyone (no sign-in): per institution and per district, the
 * recommendations of the club's final documents once sent, and how they were answered — as counted and per report.
 */
export function PublicControlPage() {
  const { t } = useI18n();
  const scoreboard = useRead(loadScoreboard, []);
  const bins = (scoreboard.data?.byInstitution ?? []).map((row) => row.institutionBin);
  // The names follow the figures: a register that does not answer leaves the BINs, never the page, without them.
  const names = useRead(() => (bins.length > 0 ? institutionNames(bins) : Promise.resolve(new Map())), [bins.join()]);
  const nameOf = (bin: string): string | undefined => names.data?.get(bin);
  const byInstitution = (scoreboard.data?.byInstitution ?? []).map((row) => ({
    ...row,
    key: row.institutionBin,
    name: nameOf(row.institutionBin) ?? row.institutionBin,
  }));
  const byDistrict = (scoreboard.data?.byDistrict ?? []).map((row) => ({
    ...row,
    key: row.district ?? '',
    name: row.district === null ? t('publicControl.noDistrict') : districtName(t, row.district),
  }));

  return (
    <section>
      <PageHeading title={t('publicControl.title')} lead={t('publicControl.intro')} />
      <p>{t('publicControl.perReportWhy')}</p>
      <p>{t('publicControl.terms')}</p>
      <ReadState read={scoreboard} />
      {scoreboard.data && scoreboard.data.byInstitution.length === 0 && (
        <p data-testid="public-control-none">{t('publicControl.none')}</p>
      )}
      {scoreboard.data && scoreboard.data.byInstitution.length > 0 && (
        <>
          <ScoreboardTable
            id="public-control-institutions"
            title={t('publicControl.byInstitution')}
            nameHeader={t('publicControl.institution')}
            rows={byInstitution}
            rowHeader={(row) => {
              const name = nameOf(row.institutionBin);
              const bin = t('publicControl.bin', { bin: row.institutionBin });
              return name ? (
                <>
                  {name}
                  <br />
                  <span class="bin">{bin}</span>
                </>
              ) : (
                <span class="bin">{bin}</span>
              );
            }}
            rowData={(row) => ({ 'data-bin': row.institutionBin })}
          />
          <ScoreboardTable
            id="public-control-districts"
            title={t('publicControl.byDistrict')}
            nameHeader={t('publicControl.district')}
            rows={byDistrict}
            rowData={(row) => ({ 'data-district': row.district ?? '' })}
          />
        </>
      )}
    </section>
  );
}
