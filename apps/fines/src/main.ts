import './tracing';
import 'reflect-metadata';
import { createKafkaTransport } from '@app/messaging';
import { runStandaloneService } from '@app/platform';
import { finesService } from './fines.service-definition';

void runStandaloneService(finesService, (config, context) => createKafkaTransport(finesService, config, context));
