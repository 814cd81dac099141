import {
  AppealDecidedV1,
  FineAppealedV1,
  FineIssuedV1,
  FineOverdueV1,
  FinePaidV1,
  FineSentToEnforcementV1,
  type AnyPublishedEvent,
} from '@app/contracts';
import type { AppealDecided, FineAppealed, FineIssued, FinePaid } from './domain/fine.events';

/**
 * Every fine event is published as v1 of its contract in libs/contracts. The offender's IIN, name and vehicle plate stay
 * here (only the IIN's sha256 leaves); FinePaid is exactly what budgets books as revenue; reasons stay here.
 */
export const finesPublished: AnyPublishedEvent[] = [
  {
    eventType: 'FineIssued',
    contract: FineIssuedV1,
    schemaVersion: 1,
    toPublic: (d: FineIssued['data']) => ({
      fineId: d.fineId,
      offenceId: d.offenceId,
      offenceType: d.offenceType,
      legalReference: d.legalReference,
      offenderCategory: d.offenderCategory,
      offenderIinSha256: d.offenderIinSha256,
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
