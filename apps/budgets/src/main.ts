import './tracing';
import 'reflect-metadata';
import { createKafkaTransport } from '@app/messaging';
import { runStandaloneService } from '@app/platform';
import { serviceDefinition } from './budgets.service-definition';

void runStandaloneService(serviceDefinition, (config, context) =>
  createKafkaTransport(serviceDefinition, config, context),
);
