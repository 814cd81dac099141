import { projectionTablesMigration, type Projection } from '@app/event-store';
import { fineBoardProjection } from './fine-board/fine-board.projection';
import { finePaymentsProjection } from './fine-payments/fine-payments.projection';
import { knownRaidsProjection } from './known-raids/known-raids.projection';

export const fineProjections: Projection[] = [fineBoardProjection, knownRaidsProjection, finePaymentsProjection];

// The tables as first released; the payment register came later, with its own migration (fine-payments.migration.ts).
export const FineReadModels1764700000000 = projectionTablesMigration('FineReadModels1764700000000', [
  fineBoardProjection,
  knownRaidsProjection,
]);
