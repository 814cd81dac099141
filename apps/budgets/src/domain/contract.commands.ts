import type { Command } from '@app/domain-kernel';
import type { RoadSegment } from './budget.types';

export type SignContract = Command<
  'SignContract',
  {
    contractId: string;
    programmeId: string;
    institutionBin: string;
    fiscalYear: number;
    contractorBin: string;
    contractorName: string;
    subject: string;
    roadSegment: RoadSegment;
    amountTiyn: number;
    /** Calendar date, YYYY-MM-DD. */
    signedAt: string;
    warrantyMonths: number;
  }
>;
export type RecordPayment = Command<
  'RecordPayment',
  { paymentId: string; amountTiyn: number; paidOn: string; description: string }
>;
export type RecordWarrantyRepair = Command<
  'RecordWarrantyRepair',
  { caseId: string; costTiyn: number; acceptedAt: string }
>;

export type ContractCommand = SignContract | RecordPayment | RecordWarrantyRepair;
