import { projectionTablesMigration, type Projection } from '@app/event-store';
import { caseBoardProjection } from './case-board/case-board.projection';
import { knownContractsProjection } from './known-contracts/known-contracts.projection';

export const roadCaseProjections: Projection[] = [caseBoardProjection, knownContractsProjection];

export const RoadCaseReadModels1764400000000 = projectionTablesMigration(
  'RoadCaseReadModels1764400000000',
  roadCaseProjections,
);
