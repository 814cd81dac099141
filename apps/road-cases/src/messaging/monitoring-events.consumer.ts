import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DefectFoundV1, ReportForwardedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { ReportIntake } from './report-intake';

const CONSUMER = 'road-cases.monitoring';

/** Reports the club forwarded and defects raids found become road cases (or join one nearby). */
@Controller()
export class MonitoringEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: ReportIntake,
  ) {}

  // Own transaction: the intake's lock per defect type must be followed by a fresh read (see ReportIntake).
  @ConsumeEvent('ReportForwarded', { ownTransaction: true })
  async onReportForwarded(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const report = validateContract(ReportForwardedV1, envelope.payload);
    if (report.kind !== 'road_defect') return; // budget doubts go to budgets
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.intake
        .accept(
          {
            reportId: report.reportId,
            source: 'report',
            raidId: null,
            location: report.location!,
            district: report.district!,
            address: report.address!,
            defectType: report.defectType!,
            description: report.description ?? '',
          },
          manager,
          envelope.actor,
        )
        .then(() => undefined),
    );
  }

  @ConsumeEvent('DefectFound', { ownTransaction: true })
  async onDefectFound(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const defect = validateContract(DefectFoundV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.intake
        .accept(
          {
            reportId: defect.defectId,
            source: 'raid',
            raidId: defect.raidId,
            location: defect.location,
            district: defect.district,
            address: defect.address,
            defectType: defect.defectType,
            description: defect.description ?? '',
          },
          manager,
          envelope.actor,
        )
        .then(() => undefined),
    );
  }
}
