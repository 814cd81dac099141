import { defectChoices, districtChoices } from '../districts';
import { useI18n } from '../i18n/i18n-context';
import { SelectField, type Choice, type FieldFrame } from './field.component';

type ChoiceFieldProps = Omit<FieldFrame, 'label'> & { empty?: string };

/**
 * A choice among a register's values, under its one label. Where one is needed the first option asks to choose; a
 * list's filter offers any first; `empty` names that first option otherwise (a defect in the raid's own district).
 */
export function ChoiceField(props: ChoiceFieldProps & { label: string; options: readonly Choice[] }) {
  const { t } = useI18n();
  const { empty, ...frame } = props;
  return <SelectField {...frame} empty={empty ?? (props.mandatory ? t('form.choose') : t('board.any'))} />;
}

export function DistrictField(props: ChoiceFieldProps) {
  const { t } = useI18n();
  return <ChoiceField {...props} label={t('report.district')} options={districtChoices(t)} />;
}

export function DefectTypeField(props: ChoiceFieldProps) {
  const { t } = useI18n();
  return <ChoiceField {...props} label={t('report.defectType')} options={defectChoices(t)} />;
}

/** A yes-or-no filter, `yes` and `no` naming its answers: the values the services' queries take ('true', 'false'). */
export function YesNoField(props: ChoiceFieldProps & { label: string; yes: string; no: string }) {
  const { yes, no, ...field } = props;
  const options = [
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ];
  return <ChoiceField {...field} options={options} />;
}
