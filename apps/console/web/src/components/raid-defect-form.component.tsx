import type { ApiSchemas } from '@app/api-client';
import { districtName } from '../districts';
import { useI18n } from '../i18n/i18n-context';
import type { RaidBind, RaidDraftErrors, RaidDrafts } from '../raids/raid-drafts';
import { ProseField } from './field.component';
import { AddressField, coordinate, MapPointFields, pointErrors } from './place-fields.component';
import { StepForm } from './step-form.component';
import { DefectTypeField, DistrictField } from './choice-fields.component';

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

  const submit = () => {
    const ok = props.check({
      ...pointErrors(t, lat, lon),
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
      <MapPointFields
        hintId="raid-defect-map-hint"
        lat={bind('lat')}
        lon={bind('lon')}
        onPick={(p) => props.update({ lat: String(p.lat), lon: String(p.lon) })}
      />
      <DistrictField
        {...bind('defectDistrict')}
        empty={t('raid.defect.raidDistrict', { district: districtName(t, props.raidDistrict) })}
      />
      <AddressField {...bind('address')} />
      <DefectTypeField {...bind('defectType')} mandatory />
      <ProseField {...bind('description')} label={t('report.description')} optional />
    </StepForm>
  );
}
