import { projectionTablesMigration, type Projection } from '@app/event-store';
import { raidBoardProjection } from '../read-models/raid-board/raid-board.projection';
import { reportBoardProjection } from '../read-models/report-board/report-board.projection';
import { reportCasesProjection } from '../read-models/report-cases/report-cases.projection';

export const monitoringProjections: Projection[] = [reportBoardProjection, reportCasesProjection, raidBoardProjection];

export const MonitoringReadModels1764500000000 = projectionTablesMigration(
  'MonitoringReadModels1764500000000',
  monitoringProjections,
);
