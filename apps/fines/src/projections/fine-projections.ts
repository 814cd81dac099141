import { projectionTablesMigration, type Projection } from '@app/event-store';
import { fineBoardProjection } from './fine-board.projection';
import { knownRaidsProjection } from './known-raids.projection';

export const fineProjections: Projection[] = [fineBoardProjection, knownRaidsProjection];

export const FineReadModels1764700000000 = projectionTablesMigration('FineReadModels1764700000000', fineProjections);
