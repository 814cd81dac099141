import type { ApiSchemas } from '@app/api-client';
import { defectChoices, districtName } from '../districts';
import { useI18n } from '../i18n/i18n-context';
import { coordinate, type RaidBind, type RaidDraftErrors, type RaidDrafts } from '../raids/raid-drafts';
import { InputField, SelectField, TextAreaField } from './field.component';
import { MapPicker, type Point } from './map.component';
import { StepForm } from './step-form.component';
import { DistrictField } from './district-field.component';

type RecordDefect = ApiSchemas<'monitoring'>['RecordDefectDto'];

/**
 * A defect the raid found: its place (picked on the map or typed), the district when it is not the raid's, the
 * address, the kind of defect and a description. Road-cases opens a case from it, or joins one nearby.
 */
export function RaidDefectForm(props: {
  drafts: RaidDrafts;
  bind: RaidBind;
  raidDistrict: string;
  busy: boolean;
  check: (errors: RaidDraftErrors) => boolean;
  update: (change: Partial<RaidDrafts>) => void;
  onSend: (body: RecordDefect) => void;
}) {
  const { t } = useI18n();
  const { drafts, bind } = props;
  const lat = coordinate(drafts.lat);
  const lon = coordinate(drafts.lon);
  const point: Point | null = Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;

  const submit = () => {
    const ok = props.check({
      ...(!(lat >= -90 && lat <= 90) && { lat: t('report.error.lat') }),
      ...(!(lon >= -180 && lon <= 180) && { lon: t('report.error.lon') }),
      ...(!drafts.address.trim() && { address: t('report.error.address') }),
      ...(!drafts.defectType && { defectType: t('report.error.defectType') }),
    });
    if (ok)
      props.onSend({
        location: { lat, lon },
        ...(drafts.defectDistrict && { district: drafts.defectDistrict }),
        address: drafts.address.trim(),
        defectType: drafts.defectType as RecordDefect['defectType'],
        description: drafts.description.trim(),
      });
  };

  return (
    <StepForm words="raid.defect" busy={props.busy} onSubmit={submit}>
      <p id="raid-defect-map-hint" class="hint">
        {t('report.mapHint')}
      </p>
      <MapPicker
        value={point}
        describedBy="raid-defect-map-hint"
        onPick={(p) => props.update({ lat: String(p.lat), lon: String(p.lon) })}
      />
      <div class="row">
        <InputField {...bind('lat')} label={t('report.lat')} mandatory inputMode="decimal" />
        <InputField {...bind('lon')} label={t('report.lon')} mandatory inputMode="decimal" />
      </div>
      <DistrictField
        {...bind('defectDistrict')}
        empty={t('raid.defect.raidDistrict', { district: districtName(t, props.raidDistrict) })}
      />
      <InputField
        {...bind('address')}
        label={t('report.address')}
        hint={t('report.addressHint')}
        mandatory
        maxLength={300}
      />
      <SelectField
        {...bind('defectType')}
        label={t('report.defectType')}
        mandatory
        empty={t('form.choose')}
        options={defectChoices(t)}
      />
      <TextAreaField {...bind('description')} label={t('report.description')} optional rows={3} maxLength={2000} />
    </StepForm>
  );
}
