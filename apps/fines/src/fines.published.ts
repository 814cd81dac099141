import {
  AppealDecidedV1,
  FineAppealedV1,
  FineIssuedV2,
  FineOverdueV1,
  FinePaidV1,
  FineSentToEnforcementV1,
  type AnyPublishedEvent,
} from '@app/contracts';
import type { AppealDecided, FineAppealed, FineIssued, FinePaid } from './domain/fine.events';

/**
 * Every fine event is published as its contract in libs/contracts (FineIssued as v2, the others v1). No personal
 * data leaves: the offender's name, IIN and plate are not even in the log (only the IIN's keyed digest is); FinePaid
 * is exactly what budgets books as revenue; reasons stay here.
 */
export const finesPublished: AnyPublishedEvent[] = [
  {
    eventType: 'FineIssued',
    contract: FineIssuedV2,
    schemaVersion: 2,
    toPublic: (d: FineIssued['data']) => ({
      fineId: d.fineId,
      offenceId: d.offenceId,
      offenceType: d.offenceType,
      legalReference: d.legalReference,
      offenderCategory: d.offenderCategory,
      offenderIinHmacSha256: d.offenderIinHmacSha256,
      offenderIinKeyId: d.offenderIinKeyId,
      offenderBin: d.offenderBin,
      committedAt: d.committedAt,
      district: d.district,
      raidId: d.raidId,
      caseId: d.caseId,
      mciMultiples: d.mciMultiples,
      mciTiyn: d.mciTiyn,
      mciEffectiveFrom: d.mciEffectiveFrom,
      amountTiyn: d.amountTiyn,
      discountAmountTiyn: d.discountAmountTiyn,
      discountDeadline: d.discountDeadline,
      dueDate: d.dueDate,
      issuedAt: d.issuedAt,
    }),
  },
  {
    eventType: 'FinePaid',
    contract: FinePaidV1,
    schemaVersion: 1,
    toPublic: (d: FinePaid['data']) => ({
      fineId: d.fineId,
      amountTiyn: d.amountTiyn,
      district: d.district,
      paidAt: d.paidAt,
    }),
  },
  {
    eventType: 'FineAppealed',
    contract: FineAppealedV1,
    schemaVersion: 1,
    toPublic: (d: FineAppealed['data']) => ({ appealedAt: d.appealedAt }),
  },
  {
    eventType: 'AppealDecided',
    contract: AppealDecidedV1,
    schemaVersion: 1,
    toPublic: (d: AppealDecided['data']) => ({
      decision: d.decision,
      amountTiyn: d.amountTiyn,
      dueDate: d.dueDate,
      decidedAt: d.decidedAt,
    }),
  },
  { eventType: 'FineOverdue', contract: FineOverdueV1, schemaVersion: 1 },
  { eventType: 'FineSentToEnforcement', contract: FineSentToEnforcementV1, schemaVersion: 1 },
];
