// main.ts imports this before anything else: tracing's instrumentations patch http and pg as they are first required.
import { startTracingIfConfigured } from '../../../libs/platform/src/tracing/start-tracing';

startTracingIfConfigured('fines');
