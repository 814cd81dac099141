import { districtChoices } from '../districts';
import { useI18n } from '../i18n/i18n-context';
import { SelectField, type FieldFrame } from './field.component';

/**
 * A district to choose, under its one label. Where one is needed the first option asks to choose; a list's filter
 * offers any district first; `empty` names that first option otherwise (a defect in the raid's own district).
 */
export function DistrictField(props: Omit<FieldFrame, 'label'> & { empty?: string }) {
  const { t } = useI18n();
  const { empty, ...frame } = props;
  return (
    <SelectField
      {...frame}
      label={t('report.district')}
      empty={empty ?? (props.mandatory ? t('form.choose') : t('board.any'))}
      options={districtChoices(t)}
    />
  );
}
