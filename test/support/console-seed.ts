import { validBin } from './valid-bins';
import { consoleToken, created, viaConsole } from './console-browser';

// Records the console's budget and fines pages show, made through the console's proxy as an official would.

export interface SeededProgramme {
  bin: string;
  institution: string;
  programmeId: string;
  code: string;
  fiscalYear: number;
  contractId: string;
  contractorBin: string;
  contractorName: string;
}

/** An akimat of Taraz with a road programme of 2026, amended once, one contract under it and one expenditure. */
export async function seedProgramme(url: string): Promise<SeededProgramme> {
  const official = await consoleToken(url, 'official', 'official-saule');
  const bin = validBin();
  const institution = 'Akimat of Taraz';
  await created(url, '/budgets/institutions', official, { bin, name: institution, district: 'Taraz', kind: 'akimat' });
  const code = '451-015';
  const fiscalYear = 2026;
  const contractorBin = validBin();
  const contractorName = 'Taraz Zhol LLP';
  const programmeId = (
    await created(url, '/budgets/programmes', official, {
      institutionBin: bin,
      fiscalYear,
      code,
      name: 'Street repair',
      purpose: 'road_maintenance',
      allocationTiyn: 10_000_000_00,
    })
  ).id;
  const amended = await viaConsole(url, 'POST', `/budgets/programmes/${programmeId}/amend`, official, {
    newAllocationTiyn: 12_500_000_00,
    reason: 'Spring floods damaged more streets',
  });
  if (amended.status !== 200) throw new Error(`amend answered ${amended.status}: ${JSON.stringify(amended.body)}`);
  const contractId = (
    await created(url, '/budgets/contracts', official, {
      programmeId,
      contractorBin,
      contractorName,
      subject: 'Resurfacing of Tole bi',
      roadSegment: { roadName: 'Tole bi', fromKm: 1, toKm: 3 },
      amountTiyn: 3_000_000_00,
      signedAt: '2026-03-02',
      warrantyMonths: 24,
    })
  ).id;
  await created(url, `/budgets/programmes/${programmeId}/expenditures`, official, {
    amountTiyn: 1_234_567_89,
    date: '2026-04-15',
    description: 'First stage of the resurfacing',
    contractId,
  });
  return { bin, institution, programmeId, code, fiscalYear, contractId, contractorBin, contractorName };
}

/** A fine of an individual for damage to the road surface in Taraz, issued by an official. */
export async function seedFine(url: string): Promise<{ fineId: string; fine: any }> {
  const official = await consoleToken(url, 'official', 'official-saule');
  const fine = await created(url, '/fines/fines', official, {
    offenceType: 'road_surface_damage',
    offender: { category: 'individual', name: 'Aibek Driver', iin: '900101300123', vehiclePlate: '123ABC08' },
    committedAt: '2026-03-10T09:00:00+05:00',
    place: 'Tole bi 45',
    district: 'Taraz',
    evidence: ['https://evidence.example/1.jpg'],
  });
  return { fineId: fine.id, fine };
}

/** A crack on Abay avenue 12 in Taraz, opened as a case by an inspector and verified: two versions, two statuses. */
export async function seedVerifiedCase(
  url: string,
  verification: { severity: string; areaM2: number; estimatedCostTiyn: number },
): Promise<string> {
  const inspector = await consoleToken(url, 'inspector', 'inspector-bolat');
  const caseId = (
    await created(url, '/road-cases/cases', inspector, {
      location: { lat: 42.8912, lon: 71.3921 },
      district: 'Taraz',
      address: 'Abay avenue 12',
      defectType: 'crack',
      description: 'Long crack across the lane',
    })
  ).id;
  const verified = await viaConsole(url, 'POST', `/road-cases/cases/${caseId}/verify`, inspector, verification);
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}: ${JSON.stringify(verified.body)}`);
  return caseId;
}
