import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceDefinitions } from '../../apps/embedded/src/service-entries';
import {
  COMPOSE_FILE,
  fillRegions,
  REGION_FILES,
  renderServiceFiles,
  serviceFacts,
} from '../../scripts/services/service-files';

// The files that name every service but cannot import the registry are what `npm run services:render` makes of it:
// a service added to libs/contracts/src/services.registry.ts fails here until they are rendered and committed.

const RENDER = 'run `npm run services:render` and commit what it writes';
const read = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');
const subscriptions = Object.fromEntries((await serviceDefinitions()).map((d) => [d.name, d.subscribes]));
const services = serviceFacts(read(COMPOSE_FILE), subscriptions);

describe('the files rendered from the service registry', () => {
  it(`give every registered service its development keys in ${COMPOSE_FILE} (else ${RENDER})`, () => {
    expect(services.filter((s) => s.newVerifierKey).map((s) => s.name)).toEqual([]);
  });

  it.each([...renderServiceFiles(read, services)])(`%s is as rendered (else ${RENDER})`, (file, text) => {
    expect({ file, text: read(file) }).toEqual({ file, text });
  });

  it('name each service in every region, so a line left over or missing in one shows', () => {
    const compose = REGION_FILES.find((f) => f.file === COMPOSE_FILE)!;
    const fewer = fillRegions(COMPOSE_FILE, read(COMPOSE_FILE), compose.comment, compose.regions, services.slice(1));
    expect(fewer).not.toEqual(read(COMPOSE_FILE));
    expect(fewer).not.toMatch(new RegExp(`^  ${services[0].name}:$`, 'm'));
    for (const s of services.slice(1)) expect(fewer).toMatch(new RegExp(`^  ${s.name}:$`, 'm'));
  });

  it('refuses a file whose region is missing or unknown, naming it', () => {
    const { file, comment, regions } = REGION_FILES[0];
    const text = read(file);
    expect(() =>
      fillRegions(
        file,
        text.replace('>>> services:render services', '>>> services:render nope'),
        comment,
        regions,
        services,
      ),
    ).toThrow(/no region "nope"/);
    expect(() => fillRegions(file, text, comment, { ...regions, extra: () => [] }, services)).toThrow(
      /lacks the region\(s\) extra/,
    );
  });
});
