// Its envelope classes carry class-transformer decorators that read reflect-metadata: the barrel loads it, so a
// domain folder (which may import only this and the domain kernel) or a spec can import contracts on their own.
import 'reflect-metadata';
export * from './topics';
export * from './services.registry';
export * from './message-headers';
export * from './ping-sent.contract';
export * from './validate-contract';
export * from './integration-envelope';
export * from './published-event';
export * from './published-as-v1';
export * from './shared-values';
export * from './photo-evidence.contract';
export * from './monitoring/report-forwarded.contract';
export * from './monitoring/defect-found.contract';
export * from './budgets/contract-signed.contract';
export * from './road-cases/road-case.contracts';
export * from './monitoring/report.contracts';
export * from './monitoring/raid.contracts';
export * from './monitoring/control-document.contracts';
export * from './budgets/budget-events.contracts';
export * from './fines/fine-paid.contract';
export * from './fines/fine.contracts';
export * from './envelope-shape';
export * from './rfc3339.validator';
