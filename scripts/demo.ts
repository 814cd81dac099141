// Builds a year like Zhambyl region's 2020 through the four services' public HTTP APIs (their typed clients, generated
// from the OpenAPI documents: a changed route or body fails to type-check), then prints the year's summary read back
// from their public statistics:
//   npm run demo -- [--budgets URL --monitoring URL ... (every service)] [--scale 1|0.1] [--json]
// Defaults to the embedded `npm start` (http://127.0.0.1:3001..3004); tokens are signed with JWT_SECRET or .data/jwt-secret.
// --json prints { created, summary, ... } on stdout (the run's own counts and what the services report).
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ApiSchemas } from '@app/api-client';
import { SERVICE_NAMES, type ServiceName } from '@app/contracts';
import { fail, fmt, progressBar, sleep, type ProgressBar } from './cli-support';
import {
  as,
  createClients,
  DEFAULT_URLS,
  URL_OPTIONS,
  URL_USAGE,
  everyPage,
  expectStatus,
  jwtSecret,
  pool,
  randomBin,
  Tokens,
  waitFor,
  type Clients,
} from './demo-support';

type MonitoringSchemas = ApiSchemas<'monitoring'>;

const USAGE = `usage: npm run demo -- [${URL_USAGE}] [--scale 1|0.1] [--json]`;
const YEAR = 2020;
const CONCURRENCY = 8;

/** The region's districts, with a rough centre for the defects' coordinates. */
const DISTRICTS: Array<{ name: string; lat: number; lon: number; weight: number }> = [
  { name: 'Taraz', lat: 42.9, lon: 71.37, weight: 3 },
  { name: 'Baizak', lat: 42.98, lon: 71.45, weight: 1 },
  { name: 'Zhambyl', lat: 42.98, lon: 71.07, weight: 1 },
  { name: 'Zhualy', lat: 42.61, lon: 70.76, weight: 1 },
  { name: 'Kordai', lat: 43.04, lon: 74.71, weight: 1 },
  { name: 'Merki', lat: 42.87, lon: 73.18, weight: 1 },
  { name: 'Moiynkum', lat: 44.28, lon: 72.95, weight: 1 },
  { name: 'Sarysu', lat: 43.57, lon: 69.74, weight: 1 },
  { name: 'Talas', lat: 43.18, lon: 70.46, weight: 1 },
  { name: 'Shu', lat: 43.6, lon: 73.76, weight: 1 },
  { name: 'T. Ryskulov', lat: 42.92, lon: 72.72, weight: 1 },
];
const DISTRICT_CYCLE = DISTRICTS.flatMap((d) => Array.from({ length: d.weight }, () => d));
const DEFECT_TYPES = ['pothole', 'crack', 'rutting', 'edge_break', 'pothole', 'missing_marking'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical', 'medium'] as const;

/** The 2020 figures at --scale 1. */
const FULL = {
  institutions: 1_049,
  allocationTiyn: 110_000_000_000_000,
  raids: 73,
  roadDefects: 70,
  finesTenge: 16_000_000,
  contractors: 8,
};

/** Who was fined for what: residents and utilities damaging the road, truck drivers and hauliers overloading it. */
type OffenderCategory = MonitoringSchemas['RecordOffenceDto']['offenderCategory'];
const OFFENCE_PATTERN: Array<{
  offenceType: string;
  category: OffenderCategory;
  who: 'resident' | 'utility' | 'driver' | 'haulier';
}> = [
  { offenceType: 'road_surface_damage', category: 'individual', who: 'resident' },
  { offenceType: 'vehicle_overload', category: 'individual', who: 'driver' },
  { offenceType: 'vehicle_overload', category: 'individual', who: 'driver' },
  { offenceType: 'road_surface_damage', category: 'medium_business', who: 'utility' },
  { offenceType: 'vehicle_overload', category: 'individual', who: 'driver' },
  { offenceType: 'road_surface_damage', category: 'large_business', who: 'utility' },
  { offenceType: 'road_surface_damage', category: 'individual', who: 'resident' },
  { offenceType: 'vehicle_overload', category: 'small_business', who: 'haulier' },
];

interface Created {
  institutions: number;
  disclosed: number;
  programmes: number;
  allocatedTiyn: number;
  contracts: number;
  raids: number;
  reportsSubmitted: number;
  reportsAccepted: number;
  raidDefects: number;
  roadDefects: number;
  casesOpened: number;
  casesAccepted: number;
  offences: number;
  fines: number;
  finesTotalTiyn: number;
}

interface Summary {
  fiscalYear: number;
  districts: number;
  institutions: number;
  disclosed: number;
  disclosureCoveragePercent: number | null;
  programmes: number;
  allocatedTiyn: number;
  spentTiyn: number;
  reports: number;
  reportsByStatus: Record<string, number>;
  raidsHeld: number;
  defectsFound: number;
  offencesRecorded: number;
  cases: number;
  casesByStatus: Record<string, number>;
  casesAccepted: number;
  medianDaysToAcceptance: number | null;
  fines: number;
  finesTotalTiyn: number;
  finesByCategory: Record<string, { fines: number; totalTiyn: number }>;
}

function parse() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        ...URL_OPTIONS,
        scale: { type: 'string', default: '1' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    fail(`--scale must be a number in (0, 1], not "${values.scale}"\n${USAGE}`);
  const urls = {} as Record<ServiceName, string>;
  for (const service of SERVICE_NAMES) {
    const raw = (values[service] as string | undefined) ?? DEFAULT_URLS[service];
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      fail(`--${service} must be an http(s) URL, not "${raw}"\n${USAGE}`);
    }
    urls[service] = raw.replace(/\/+$/, '');
  }
  return { scale, urls, json: values.json as boolean };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
/** The Asia/Almaty (UTC+6 in 2020) calendar date of an instant. */
const almatyDay = (iso: string) => isoDay(new Date(Date.parse(iso) + 6 * 3_600_000));

class Progress {
  private done = 0;
  private readonly bar: ProgressBar;
  constructor(
    label: string,
    private readonly total: number,
  ) {
    this.bar = progressBar(label, 'steps', 300);
  }
  tick = () => {
    this.done++;
    this.bar.update(this.done, this.total);
  };
  finish() {
    this.bar.update(this.total, this.total);
    this.bar.finish();
  }
}

/** What every step of the run shares: the services' clients, the demo's people, its scale and what it created. */
interface Demo {
  api: Clients;
  tokens: Tokens;
  official: string;
  moderator: string;
  inspector: string;
  auditor: string;
  scale: number;
  /** A tag of this run in correlation ids and evidence URLs, so runs never mix. */
  runTag: string;
  created: Created;
}

type Institution = {
  bin: string;
  name: string;
  district: string;
  kind: 'akimat' | 'department' | 'utility' | 'other';
  purpose: 'road_maintenance' | 'road_construction' | 'public_transport' | 'other';
  allocationTiyn: number;
  programmeId: string;
};
type Contractor = {
  bin: string;
  name: string;
  district: string;
  programmeId: string;
  allocation: number;
  contractId: string;
};
type Raid = {
  index: number;
  id: string;
  day: string;
  district: string;
  districtIndex: number;
  correlationId: string;
  defects: Array<{ id: string }>;
  offences: Array<MonitoringSchemas['RecordOffenceDto']>;
};
type Report = {
  k: number;
  id: string;
  districtIndex: number;
  week: number;
  meetingDate: string;
  correlationId: string;
  caseId: string;
};
/** The defects of the year: some reported by citizens, the rest found in raids. */
type Defects = { total: number; reports: number; raidDefects: number };

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the next step of the demo, saying its number and name on stderr. */
let stepsTaken = 0;
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  say(`demo: ${++stepsTaken}. ${name}`);
  return run();
}

async function run(): Promise<void> {
  const { scale, urls, json } = parse();
  const secret = jwtSecret();
  if (!secret)
    fail(
      `No JWT_SECRET in the environment and no ${join(process.env.INTEGRITY_DATA_DIR ?? '.data', 'jwt-secret')} yet (npm start makes one; INTEGRITY_DATA_DIR names its data folder).`,
    );
  const tokens = new Tokens(secret);
  const demo: Demo = {
    api: createClients(urls),
    tokens,
    official: tokens.get('official', 'demo-official'),
    moderator: tokens.get('moderator', 'demo-club-moderator'),
    inspector: tokens.get('inspector', 'demo-inspector'),
    auditor: tokens.get('auditor', 'demo-auditor'),
    scale,
    runTag: randomUUID().slice(0, 8),
    created: {
      institutions: 0,
      disclosed: 0,
      programmes: 0,
      allocatedTiyn: 0,
      contracts: 0,
      raids: 0,
      reportsSubmitted: 0,
      reportsAccepted: 0,
      raidDefects: 0,
      roadDefects: 0,
      casesOpened: 0,
      casesAccepted: 0,
      offences: 0,
      fines: 0,
      finesTotalTiyn: 0,
    },
  };
  const started = performance.now();
  const { api, auditor, created } = demo;

  await step('every service answers its public read', () => probeServices(api, urls));
  const baseline = await step('what the services hold before this run', () => readSummary(api, auditor));
  const institutions = await step('budgets: institutions, their programmes, full disclosure', () =>
    registerInstitutions(demo),
  );
  const contractors = await step('budgets: contracts for the road works', () => signContracts(demo, institutions));
  const defects = defectsOfTheYear(scale);
  const { raids, finesExpected } = await step('monitoring: raids with their defects and offences', () =>
    holdRaids(demo, defects),
  );
  const reports = await step("monitoring: citizens' reports, reviewed weekly by the club", () =>
    fileAndReviewReports(demo, defects),
  );
  const correlationOf = new Map<string, string>();
  for (const r of reports) correlationOf.set(r.id, r.correlationId);
  for (const raid of raids) for (const defect of raid.defects) correlationOf.set(defect.id, raid.correlationId);
  await step('road-cases: every defect a case, verified, assigned, repaired, accepted', () =>
    workRoadCases(demo, defects, correlationOf, contractors),
  );
  await step("fines: issued from the raids' offences", () => awaitFines(demo, raids, finesExpected));
  await step('monitoring: the reports resolved', () => awaitResolutions(demo, reports, correlationOf));

  // ---------- the year's summary, read back from the services' public statistics ----------
  const summary = await readSummary(api, auditor);
  const elapsedSeconds = Math.round((performance.now() - started) / 100) / 10;
  const sample = reports.slice(0, 5).map((r) => r.id);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ scale, elapsedSeconds, created, summary, baseline, reportIds: sample, raidIds: raids.slice(0, 5).map((r) => r.id) }, null, 2)}\n`,
    );
    return;
  }
  printSummary(summary, created, elapsedSeconds, sample, baseline);
}

/** Every service the demo writes to answers its public read before anything is written. */
async function probeServices(api: Clients, urls: Record<ServiceName, string>): Promise<void> {
  const probes: Partial<Record<ServiceName, () => Promise<{ response: Response }>>> = {
    budgets: () => api.budgets.GET('/map', { params: { query: { fiscalYear: YEAR } } }),
    monitoring: () => api.monitoring.GET('/reports/stats'),
    'road-cases': () => api['road-cases'].GET('/cases/stats'),
    fines: () => api.fines.GET('/offence-types'),
  };
  for (const service of SERVICE_NAMES) {
    const probe = await probes[service]?.();
    if (probe && probe.response.status !== 200)
      fail(`${service} at ${urls[service]} answered ${probe.response.status} to its public read`);
  }
}

/** Registers the region's institutions, publishes each one's programme of the year and discloses it in full. */
async function registerInstitutions(demo: Demo): Promise<Institution[]> {
  const { api, official, created } = demo;
  const institutionCount = Math.max(DISTRICTS.length, Math.round(FULL.institutions * demo.scale));
  const allocationTotal = Math.round(FULL.allocationTiyn * demo.scale);
  const weights = Array.from({ length: institutionCount }, (_, i) =>
    i < DISTRICT_CYCLE.length ? 40 : 1 + ((i * 7_919) % 97) / 10,
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const allocations = weights.map((w) => Math.floor((allocationTotal * w) / weightSum));
  allocations[0] += allocationTotal - allocations.reduce((a, b) => a + b, 0);
  const perDistrict = new Map<string, number>();
  const institutions = Array.from({ length: institutionCount }, (_, i): Institution => {
    const district = DISTRICT_CYCLE[i % DISTRICT_CYCLE.length].name;
    const n = (perDistrict.get(district) ?? 0) + 1;
    perDistrict.set(district, n);
    const first = n === 1;
    const kinds = ['department', 'utility', 'other'] as const;
    const kind = first ? 'akimat' : kinds[i % 3];
    const name = first
      ? district === 'Taraz'
        ? 'Akimat of Taraz city'
        : `Akimat of ${district} district`
      : kind === 'department'
        ? `Department of education and roads of ${district} No. ${n}`
        : kind === 'utility'
          ? `Utility enterprise "${district} Su Arnasy" No. ${n}`
          : `Secondary school No. ${n}, ${district}`;
    const purpose = first ? 'road_maintenance' : (['road_construction', 'public_transport', 'other'] as const)[i % 3];
    return { bin: randomBin(), name, district, kind, purpose, allocationTiyn: allocations[i], programmeId: '' };
  });

  say(`demo: ${institutionCount} institutions, ${fmt(allocationTotal / 100)} tenge of programmes for ${YEAR}`);
  const progress = new Progress('budgets   ', institutionCount * 3);
  await pool(institutions, CONCURRENCY, async (inst, i) => {
    await expectStatus(
      [201],
      api.budgets.POST('/institutions', {
        headers: as(official),
        body: { bin: inst.bin, name: inst.name, district: inst.district, kind: inst.kind },
      }),
    );
    created.institutions++;
    progress.tick();
    const published = await expectStatus(
      [201],
      api.budgets.POST('/programmes', {
        headers: as(official),
        body: {
          institutionBin: inst.bin,
          fiscalYear: YEAR,
          code: `${inst.purpose === 'road_maintenance' ? '451' : '4' + String(10 + (i % 90))}-${String(i % 1000).padStart(3, '0')}`,
          name:
            inst.purpose === 'road_maintenance'
              ? `Maintenance of public roads of ${inst.district}`
              : `${inst.name}: running costs ${YEAR}`,
          purpose: inst.purpose,
          allocationTiyn: inst.allocationTiyn,
        },
      }),
    );
    inst.programmeId = published.id;
    created.programmes++;
    created.allocatedTiyn += inst.allocationTiyn;
    progress.tick();
    await expectStatus(
      [201],
      api.budgets.POST('/institutions/{bin}/disclosures', {
        params: { path: { bin: inst.bin } },
        headers: as(official),
        body: { fiscalYear: YEAR },
      }),
    );
    created.disclosed++;
    progress.tick();
  });
  progress.finish();
  return institutions;
}

/** Each contractor's contract for a district's road works, under its akimat's maintenance programme. */
async function signContracts(demo: Demo, institutions: Institution[]): Promise<Contractor[]> {
  const { api, official, created } = demo;
  const contractorCount = Math.max(2, Math.round(FULL.contractors * demo.scale));
  const akimats = institutions.filter((inst) => inst.kind === 'akimat');
  const contractors = Array.from({ length: contractorCount }, (_, k): Contractor => {
    const akimat = akimats[k % akimats.length];
    return {
      bin: randomBin(),
      name: `Zhambyl Zhol Kurylys ${k + 1} LLP`,
      district: akimat.district,
      programmeId: akimat.programmeId,
      allocation: akimat.allocationTiyn,
      contractId: '',
    };
  });
  await pool(contractors, CONCURRENCY, async (c, k) => {
    const signed = await expectStatus(
      [201],
      api.budgets.POST('/contracts', {
        headers: as(official),
        body: {
          programmeId: c.programmeId,
          contractorBin: c.bin,
          contractorName: c.name,
          subject: `Current repair of roads of ${c.district}, ${YEAR}`,
          roadSegment: { roadName: `${c.district} district roads`, fromKm: k * 10, toKm: k * 10 + 25 },
          amountTiyn: Math.max(1, Math.floor(c.allocation / 20)),
          signedAt: `${YEAR}-03-${String(2 + (k % 26)).padStart(2, '0')}`,
          warrantyMonths: 36,
        },
      }),
    );
    c.contractId = signed.id;
    created.contracts++;
  });
  return contractors;
}

function defectsOfTheYear(scale: number): Defects {
  const total = Math.max(2, Math.round(FULL.roadDefects * scale));
  const reports = Math.max(1, Math.ceil(total * 0.6));
  return { total, reports, raidDefects: total - reports };
}

/** A fresh spot each run (so an old open case is never joined), near the district's centre. */
const lonShift = Math.random() * 0.04;
function location(districtIndex: number, k: number) {
  const d = DISTRICTS[districtIndex % DISTRICTS.length];
  return {
    lat: Number((d.lat + 0.002 * k).toFixed(6)),
    lon: Number((d.lon + lonShift + 0.0007 * (k % 3)).toFixed(6)),
  };
}

/**
 * The year's raids, planned, conducted and closed, with the defects found and the offences recorded in them. The
 * offences follow the pattern until the year's fines reach ~16.0 million tenge, priced by the catalogue and MCI the
 * fines service publishes; answers the raids and the fines' expected total.
 */
async function holdRaids(demo: Demo, defects: Defects): Promise<{ raids: Raid[]; finesExpected: number }> {
  const { api, moderator, inspector, created, runTag } = demo;
  const raidCount = Math.max(1, Math.round(FULL.raids * demo.scale));
  const catalogue = (await expectStatus([200], api.fines.GET('/offence-types'))).items;
  const mciTable = (await expectStatus([200], api.fines.GET('/mci'))).items;
  const mciOn = (day: string) => mciTable.filter((row) => row.effectiveFrom <= day).at(-1)!.tiyn;
  const raids = Array.from({ length: raidCount }, (_, r): Raid => {
    const day = addDays(`${YEAR}-01-08`, Math.floor((r * 358) / raidCount));
    const district = DISTRICTS[r % DISTRICTS.length];
    return {
      index: r,
      id: '',
      day,
      district: district.name,
      districtIndex: r % DISTRICTS.length,
      correlationId: `demo-${runTag}-raid-${r}`,
      defects: [],
      offences: [],
    };
  });
  for (let k = 0; k < defects.raidDefects; k++) raids[k % raidCount].defects.push({ id: '' });
  const finesTarget = Math.round(FULL.finesTenge * 100 * demo.scale);
  let finesExpected = 0;
  const amountOf = (p: (typeof OFFENCE_PATTERN)[number], day: string) =>
    Math.round(catalogue.find((c) => c.offenceType === p.offenceType)!.mciMultiples[p.category] * mciOn(day));
  const smallest = Math.min(...OFFENCE_PATTERN.map((p) => amountOf(p, `${YEAR}-01-01`)));
  // Offences follow the pattern; one that would overshoot the year's total is skipped for a smaller one.
  for (let k = 0, slot = 0; finesTarget - finesExpected > smallest / 2 && slot < 100_000; slot++) {
    const raid = raids[k % raidCount];
    const pattern = OFFENCE_PATTERN[slot % OFFENCE_PATTERN.length];
    const committedAt = `${raid.day}T${String(9 + (k % 8)).padStart(2, '0')}:30:00+06:00`;
    const amount = amountOf(pattern, almatyDay(committedAt));
    if (finesExpected + amount > finesTarget + smallest / 2) continue;
    finesExpected += amount;
    k++;
    const person = pattern.category === 'individual' || pattern.category === 'official';
    raid.offences.push({
      offenceType: pattern.offenceType,
      offenderCategory: pattern.category,
      offenderName:
        pattern.who === 'resident'
          ? `Resident ${k + 1}`
          : pattern.who === 'driver'
            ? `Truck driver ${k + 1}`
            : pattern.who === 'utility'
              ? `Utility "${raid.district} Zhylu" No. ${k + 1}`
              : `Haulier ${k + 1} LLP`,
      ...(person ? { offenderIin: randomBin() } : { offenderBin: randomBin() }),
      ...(pattern.offenceType === 'vehicle_overload' ? { vehiclePlate: `${String(100 + (k % 900))}ABC08` } : {}),
      place: `${raid.district}, km ${10 + (k % 40)}`,
      committedAt,
      evidence: [`https://evidence.example.kz/demo/${runTag}/${k}.jpg`],
    });
  }
  const offenceCount = raids.reduce((n, r) => n + r.offences.length, 0);

  say(
    `demo: ${raidCount} raids, ${defects.reports} citizens' reports, ${defects.raidDefects} raid defects, ${offenceCount} offences`,
  );
  const progress = new Progress('monitoring', raidCount * 3 + defects.raidDefects + offenceCount);
  let defectSeq = 0;
  await pool(raids, CONCURRENCY, async (raid) => {
    const headers = as(moderator, raid.correlationId);
    const planned = await expectStatus(
      [201],
      api.monitoring.POST('/raids', {
        headers,
        body: {
          title: `Raid ${raid.index + 1}: roads of ${raid.district}`,
          district: raid.district,
          plannedFor: `${raid.day}T10:00:00+06:00`,
        },
      }),
    );
    raid.id = planned.id;
    const path = { id: raid.id };
    created.raids++;
    progress.tick();
    await expectStatus(
      [200],
      api.monitoring.POST('/raids/{id}/conduct', {
        params: { path },
        headers,
        body: { participants: ['demo-club-moderator', 'demo-inspector', 'Public council of Zhambyl region'] },
      }),
    );
    progress.tick();
    for (const defect of raid.defects) {
      const k = defectSeq++;
      const found = await expectStatus(
        [201],
        api.monitoring.POST('/raids/{id}/defects', {
          params: { path },
          headers,
          body: {
            location: location(raid.districtIndex, 200 + k),
            district: raid.district,
            address: `${raid.district}, street ${k + 1}`,
            defectType: DEFECT_TYPES[k % DEFECT_TYPES.length],
            description: 'Found during the raid',
          },
        }),
      );
      defect.id = found.defectId;
      created.raidDefects++;
      progress.tick();
    }
    for (const offence of raid.offences) {
      await expectStatus(
        [201],
        api.monitoring.POST('/raids/{id}/offences', {
          params: { path },
          headers: as(inspector, raid.correlationId),
          body: offence,
        }),
      );
      created.offences++;
      progress.tick();
    }
    await expectStatus(
      [200],
      api.monitoring.POST('/raids/{id}/close', {
        params: { path },
        headers,
        body: { summary: `${raid.defects.length} defects, ${raid.offences.length} offences` },
      }),
    );
    progress.tick();
  });
  progress.finish();
  return { raids, finesExpected };
}

/** Citizens file; the club meets every Thursday and accepts the week's reports. */
async function fileAndReviewReports(demo: Demo, defects: Defects): Promise<Report[]> {
  const { api, moderator, tokens, created, runTag } = demo;
  const firstThursday = `${YEAR}-01-02`;
  const reports = Array.from({ length: defects.reports }, (_, k): Report => {
    const districtIndex = k % DISTRICTS.length;
    const week = Math.floor((k * 50) / defects.reports) + 1;
    return {
      k,
      id: '',
      districtIndex,
      week,
      meetingDate: addDays(firstThursday, week * 7),
      correlationId: `demo-${runTag}-report-${k}`,
      caseId: '',
    };
  });
  const progress = new Progress('reports   ', defects.reports * 3);
  await pool(reports, CONCURRENCY, async (report) => {
    const d = DISTRICTS[report.districtIndex];
    const filed = await expectStatus(
      [201],
      api.monitoring.POST('/reports', {
        headers: as(tokens.get('citizen', `demo-citizen-${report.k % 25}`), report.correlationId),
        body: {
          kind: 'road_defect',
          description: `Pothole reported by a resident of ${d.name}`,
          road: {
            location: location(report.districtIndex, report.k),
            district: d.name,
            address: `${d.name}, ${report.k + 1} Abai street`,
            defectType: DEFECT_TYPES[report.k % DEFECT_TYPES.length],
            photos: [`https://photos.example.kz/demo/${runTag}/${report.k}.jpg`],
          },
        },
      }),
    );
    report.id = filed.id;
    created.reportsSubmitted++;
    progress.tick();
  });
  const weeks = [...new Set(reports.map((r) => r.week))].sort((a, b) => a - b);
  for (const week of weeks) {
    await pool(
      reports.filter((r) => r.week === week),
      CONCURRENCY,
      async (report) => {
        const headers = as(moderator, report.correlationId);
        const path = { id: report.id };
        await expectStatus([200], api.monitoring.POST('/reports/{id}/start-review', { params: { path }, headers }));
        progress.tick();
        await expectStatus(
          [200],
          api.monitoring.POST('/reports/{id}/accept', {
            params: { path },
            headers,
            body: { meetingDate: report.meetingDate },
          }),
        );
        created.reportsAccepted++;
        progress.tick();
      },
    );
  }
  progress.finish();
  return reports;
}

/** Every defect becomes a case (over the bus); each is verified, assigned to a contractor, repaired and accepted. */
async function workRoadCases(
  demo: Demo,
  defects: Defects,
  correlationOf: Map<string, string>,
  contractors: Contractor[],
): Promise<void> {
  const { api, official, inspector, tokens, created } = demo;
  type CaseRow = { id: string; status: string; reportIds: string[]; raidId: string | null; district: string };
  say(`demo: waiting for ${defects.total} road cases to open`);
  const ours = (rows: CaseRow[]) => rows.filter((c) => c.reportIds.some((id) => correlationOf.has(id)));
  const covered = (rows: CaseRow[]) =>
    new Set(ours(rows).flatMap((c) => c.reportIds.filter((id) => correlationOf.has(id)))).size;
  const opened = await waitFor(
    `${defects.total} road cases`,
    () =>
      everyPage((page) =>
        api['road-cases'].GET('/cases', { params: { query: { status: 'opened', ...page } }, headers: as(inspector) }),
      ) as Promise<CaseRow[]>,
    (rows) => covered(rows) === correlationOf.size,
    90_000,
    500,
  );
  const cases = ours(opened);
  created.casesOpened = cases.length;
  const progress = new Progress('road cases', cases.length * 4);
  await pool(cases, CONCURRENCY, async (c, k) => {
    const correlationId = correlationOf.get(c.reportIds[0])!;
    const contractor = contractors[k % contractors.length];
    const severity = SEVERITIES[k % SEVERITIES.length];
    const estimated = (150_000 + 37_000 * (k % 11)) * 100;
    const path = { id: c.id };
    await expectStatus(
      [200],
      api['road-cases'].POST('/cases/{id}/verify', {
        params: { path },
        headers: as(inspector, correlationId),
        body: { severity, areaM2: 2 + (k % 9), estimatedCostTiyn: estimated },
      }),
    );
    progress.tick();
    // The contract reaches road-cases over the bus: a 404 for it means "not yet".
    const assignUntil = Date.now() + 60_000;
    for (;;) {
      const result = await api['road-cases'].POST('/cases/{id}/assign', {
        params: { path },
        headers: as(official, correlationId),
        body: { contractorBin: contractor.bin, contractId: contractor.contractId },
      });
      if (result.response.status === 200) break;
      if (result.response.status !== 404 || Date.now() > assignUntil) {
        throw new Error(
          `road-cases POST /cases/${c.id}/assign answered ${result.response.status}: ${JSON.stringify(result.error).slice(0, 300)}`,
        );
      }
      await sleep(300);
    }
    progress.tick();
    await expectStatus(
      [200],
      api['road-cases'].POST('/cases/{id}/report-repair', {
        params: { path },
        headers: as(tokens.get('contractor', `demo-contractor-${contractor.bin}`, contractor.bin), correlationId),
        body: { note: 'Patched and compacted' },
      }),
    );
    progress.tick();
    await expectStatus(
      [200],
      api['road-cases'].POST('/cases/{id}/accept-repair', {
        params: { path },
        headers: as(inspector, correlationId),
        body: { actualCostTiyn: Math.round(estimated * 0.95) },
      }),
    );
    created.casesAccepted++;
    progress.tick();
  });
  progress.finish();
}

/** The fines service issues a fine for each offence of the raids (over the bus). */
async function awaitFines(demo: Demo, raids: Raid[], finesExpected: number): Promise<void> {
  const { api, auditor, created } = demo;
  const raidIds = new Set(raids.map((r) => r.id));
  const offenceCount = raids.reduce((n, r) => n + r.offences.length, 0);
  say(`demo: waiting for ${offenceCount} fines`);
  const fines = await waitFor(
    `${offenceCount} fines`,
    async () => (await finesOf(api, auditor)).filter((f) => f.raidId !== null && raidIds.has(f.raidId)),
    (rows) => rows.length >= offenceCount,
    90_000,
    500,
  );
  created.fines = fines.length;
  created.finesTotalTiyn = finesExpected;
  created.roadDefects = created.reportsAccepted + created.raidDefects;
}

/** Resolutions travel back to monitoring; wait until the reports say so, so the summary shows them resolved. */
async function awaitResolutions(demo: Demo, reports: Report[], correlationOf: Map<string, string>): Promise<void> {
  const { api, auditor } = demo;
  await waitFor(
    'the reports resolved',
    async () =>
      (
        (await everyPage((page) =>
          api.monitoring.GET('/reports', {
            params: { query: { kind: 'road_defect', status: 'resolved', ...page } },
            headers: as(auditor),
          }),
        )) as Array<{ id: string }>
      ).filter((r) => correlationOf.has(r.id)).length,
    (n) => n === reports.length,
    30_000,
    500,
  ).catch(() => say('demo: not every report shows resolved yet'));
}

/** The year's fines, every page (auditor). */
const finesOf = (api: Clients, auditor: string) =>
  everyPage((page) => api.fines.GET('/fines', { params: { query: { year: YEAR, ...page } }, headers: as(auditor) }));

async function readSummary(api: Clients, auditor: string): Promise<Summary> {
  const [map, monitoring, roadCases, fines] = await Promise.all([
    expectStatus([200], api.budgets.GET('/map', { params: { query: { fiscalYear: YEAR } } })),
    expectStatus([200], api.monitoring.GET('/reports/stats')),
    expectStatus([200], api['road-cases'].GET('/cases/stats')),
    finesOf(api, auditor),
  ]);
  const t = map.totals;
  const casesByStatus = Object.fromEntries(roadCases.byStatus.map((s) => [s.status, s.cases]));
  const finesByCategory: Summary['finesByCategory'] = {};
  for (const f of fines) {
    const entry = (finesByCategory[f.offenderCategory] ??= { fines: 0, totalTiyn: 0 });
    entry.fines++;
    entry.totalTiyn += Number(f.amountTiyn);
  }
  return {
    fiscalYear: YEAR,
    districts: t.districts,
    institutions: t.institutionCount,
    disclosed: t.disclosedInstitutions,
    disclosureCoveragePercent: t.disclosureCoveragePercent,
    programmes: t.programmes,
    allocatedTiyn: Number(t.allocatedTiyn),
    spentTiyn: Number(t.spentTiyn),
    reports: monitoring.reports,
    reportsByStatus: Object.fromEntries(monitoring.byStatus.map((s) => [s.status, s.reports])),
    raidsHeld: monitoring.raidsHeld,
    defectsFound: monitoring.defectsFound,
    offencesRecorded: monitoring.offencesRecorded,
    cases: roadCases.cases,
    casesByStatus,
    casesAccepted: casesByStatus.closed ?? 0,
    medianDaysToAcceptance: roadCases.medianDaysToAcceptance === null ? null : Number(roadCases.medianDaysToAcceptance),
    fines: fines.length,
    finesTotalTiyn: fines.reduce((sum, f) => sum + Number(f.amountTiyn), 0),
    finesByCategory,
  };
}

const tenge = (tiyn: number) => fmt(tiyn / 100);

function printSummary(s: Summary, created: Created, elapsedSeconds: number, sample: string[], baseline: Summary): void {
  const lines = [
    `Zhambyl region, fiscal year ${s.fiscalYear} (read back from the services; this run took ${elapsedSeconds} s)`,
    '',
    'Budgets (GET /map):',
    `  districts                 ${fmt(s.districts)}`,
    `  institutions              ${fmt(s.institutions)}   (this run registered ${fmt(created.institutions)})`,
    `  fully disclosed           ${fmt(s.disclosed)}   (${s.disclosureCoveragePercent ?? '-'}% coverage)`,
    `  programmes                ${fmt(s.programmes)}`,
    `  allocated                 ${tenge(s.allocatedTiyn)} tenge   (${fmt(s.allocatedTiyn / 1e14, 3)} trillion)`,
    '',
    'Public monitoring (GET /reports/stats):',
    `  citizens' reports         ${fmt(s.reports)}   ${Object.entries(s.reportsByStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  raids held                ${fmt(s.raidsHeld)}`,
    `  defects found in raids    ${fmt(s.defectsFound)}`,
    `  offences recorded         ${fmt(s.offencesRecorded)}`,
    '',
    'Road cases (GET /cases/stats):',
    `  cases                     ${fmt(s.cases)}   ${Object.entries(s.casesByStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  repairs accepted          ${fmt(s.casesAccepted)}`,
    `  median days to acceptance ${s.medianDaysToAcceptance === null ? '-' : fmt(s.medianDaysToAcceptance, 3)}`,
    '',
    `Fines (GET /fines?year=${s.fiscalYear}):`,
    `  fines                     ${fmt(s.fines)}`,
    `  total                     ${tenge(s.finesTotalTiyn)} tenge   (${fmt(s.finesTotalTiyn / 1e8, 2)} million)`,
    ...Object.entries(s.finesByCategory).map(
      ([category, v]) => `    ${category.padEnd(22)}  ${String(v.fines).padStart(4)}  ${tenge(v.totalTiyn)} tenge`,
    ),
    '',
    ...(baseline.institutions + baseline.cases + baseline.fines + baseline.raidsHeld > 0
      ? [
          `(The services held data before this run: ${fmt(baseline.institutions)} institutions, ${fmt(baseline.cases)} cases, ${fmt(baseline.fines)} fines; the figures above include it.)`,
          '',
        ]
      : []),
    `Follow one report across the services: npm run audit:thread -- ${sample[0] ?? '<report id>'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function main(): void {
  run().catch((error: Error) => {
    process.stderr.write(`\ndemo failed: ${error.message}\n`);
    process.exit(1);
  });
}

main();
