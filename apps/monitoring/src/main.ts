import './tracing';
import 'reflect-metadata';
import { createKafkaTransport } from '@app/messaging';
import { runStandaloneService } from '@app/platform';
import { monitoringService } from './monitoring.service-definition';

void runStandaloneService(monitoringService, (config, context) =>
  createKafkaTransport(monitoringService, config, context),
);
