import './tracing';
import 'reflect-metadata';
import { createKafkaTransport } from '@app/messaging';
import { runStandaloneService } from '@app/platform';
import { roadCasesService } from './road-cases.service-definition';

void runStandaloneService(roadCasesService, (config, context) =>
  createKafkaTransport(roadCasesService, config, context),
);
