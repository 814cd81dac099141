import type { InstitutionKind } from './budget.types';

export interface InstitutionState {
  status: 'none' | 'registered';
  bin: string;
  name: string;
  district: string;
  kind: InstitutionKind | null;
  disclosedYears: number[];
}

export const initialInstitutionState = (): InstitutionState => ({
  status: 'none',
  bin: '',
  name: '',
  district: '',
  kind: null,
  disclosedYears: [],
});
