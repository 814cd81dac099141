import type { FineStatus, OffenderCategory } from './fine.types';

export interface FineState {
  status: FineStatus;
  fineId: string;
  offenceId: string | null;
  offenderCategory: OffenderCategory | null;
  district: string;
  amountTiyn: number;
  discountAmountTiyn: number;
  discountDeadline: string | null;
  dueDate: string | null;
  /** A deadline was counted into a year the working-day calendar is not verified for. */
  calendarUnverified: boolean;
  paidTiyn: number;
  /** An appealed fine loses the 50% discount for good. */
  appealed: boolean;
  discountApplied: boolean;
  /** Payment channel references already booked: a retried payment is not booked twice. */
  paymentIds: string[];
}

export const initialFineState = (): FineState => ({
  status: 'none',
  fineId: '',
  offenceId: null,
  offenderCategory: null,
  district: '',
  amountTiyn: 0,
  discountAmountTiyn: 0,
  discountDeadline: null,
  dueDate: null,
  calendarUnverified: false,
  paidTiyn: 0,
  appealed: false,
  discountApplied: false,
  paymentIds: [],
});
