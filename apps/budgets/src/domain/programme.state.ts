import type { Direction, ProgrammePurpose } from './budget.types';

export interface ProgrammeState {
  status: 'none' | 'published';
  programmeId: string;
  institutionBin: string;
  district: string;
  fiscalYear: number;
  code: string;
  purpose: ProgrammePurpose | null;
  direction: Direction;
  approvedTiyn: number;
  allocationTiyn: number;
  spentTiyn: number;
  revenueTiyn: number;
  /** Reports whose flag is not resolved yet. */
  openFlags: string[];
}

export const initialProgrammeState = (): ProgrammeState => ({
  status: 'none',
  programmeId: '',
  institutionBin: '',
  district: '',
  fiscalYear: 0,
  code: '',
  purpose: null,
  direction: 'expenditure',
  approvedTiyn: 0,
  allocationTiyn: 0,
  spentTiyn: 0,
  revenueTiyn: 0,
  openFlags: [],
});
