import { projectionTablesMigration, type Projection } from '@app/event-store';
import { raidBoardProjection } from './raid-board.projection';
import { reportBoardProjection } from './report-board.projection';
import { reportCasesProjection } from './report-cases.projection';

export const monitoringProjections: Projection[] = [reportBoardProjection, reportCasesProjection, raidBoardProjection];

export const MonitoringReadModels1764500000000 = projectionTablesMigration(
  'MonitoringReadModels1764500000000',
  monitoringProjections,
);
