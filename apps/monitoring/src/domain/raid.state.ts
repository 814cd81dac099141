import type { RaidStatus } from './raid.types';

export interface RaidState {
  status: RaidStatus;
  raidId: string;
  district: string;
  defectIds: string[];
  offenceIds: string[];
}

export const initialRaidState = (): RaidState => ({
  status: 'none',
  raidId: '',
  district: '',
  defectIds: [],
  offenceIds: [],
});
