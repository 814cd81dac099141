export interface ContractState {
  status: 'none' | 'signed';
  contractId: string;
  programmeId: string;
  contractorBin: string;
  amountTiyn: number;
  paidTiyn: number;
  warrantyEndsAt: string | null;
  warrantyCaseIds: string[];
}

export const initialContractState = (): ContractState => ({
  status: 'none',
  contractId: '',
  programmeId: '',
  contractorBin: '',
  amountTiyn: 0,
  paidTiyn: 0,
  warrantyEndsAt: null,
  warrantyCaseIds: [],
});
