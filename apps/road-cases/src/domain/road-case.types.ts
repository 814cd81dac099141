export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CASE_SOURCES = ['inspector', 'report', 'raid'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export type CaseStatus = 'none' | 'opened' | 'verified' | 'rejected' | 'assigned' | 'repair_reported' | 'closed';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Days to repair by severity (defaults; ROAD_CASE_DEADLINE_DAYS overrides them). */
export type SeverityDeadlines = Record<Severity, number>;
export const DEFAULT_SEVERITY_DEADLINES: SeverityDeadlines = { critical: 1, high: 3, medium: 10, low: 30 };

/** A contract as road-cases knows it from budgets' ContractSigned: who repairs which road, and until when under warranty. */
export interface ContractTerms {
  contractId: string;
  contractorBin: string;
  warrantyEndsAt: string;
}
