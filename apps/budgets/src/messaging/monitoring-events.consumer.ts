import { ReportForwardedV1 } from '@app/contracts';
import { intakeConsumer } from '@app/messaging';
import { MonitoringIntake } from '../application/intake/monitoring-intake';

/** monitoring.events, validated against their contracts; what they do is MonitoringIntake's. */
export const MonitoringEventsConsumer = intakeConsumer('MonitoringEventsConsumer', MonitoringIntake, {
  ReportForwarded: [ReportForwardedV1, 'reportForwarded'],
});
