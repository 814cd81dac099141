import './tracing';
import 'reflect-metadata';
import { createKafkaTransport } from '@app/messaging';
import { runStandaloneService } from '@app/platform';
import { budgetsService } from './budgets.service-definition';

void runStandaloneService(budgetsService, (config, context) => createKafkaTransport(budgetsService, config, context));
