import { SERVICE_REGISTRY } from './services.registry';
import { TOPICS } from './topics';

// The registry's lines follow the naming rules the rest of the repository relies on (cli-support's `<service>.events`,
// the `<schema>_svc` and `<schema>_runtime` roles, each service on a port of its own).
describe('the service registry', () => {
  it.each(SERVICE_REGISTRY)('names $name by the rules: kebab-case, schema with "_", topic <name>.events', (service) => {
    expect(service.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(service.schema).toBe(service.name.replace(/-/g, '_'));
    expect(service.topic).toBe(`${service.name}.events`);
    expect(Object.values(TOPICS)).toContain(service.topic);
  });

  it('gives every service a name and a port of its own, and none a port of another', () => {
    const names = SERVICE_REGISTRY.map((s) => s.name);
    const ports = SERVICE_REGISTRY.map((s) => s.port);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeGreaterThan(1024);
    expect(names).not.toContain('embedded');
  });

  it('keys each service topic by its name in camelCase, beside platform.pings', () => {
    const camelCase = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    expect(TOPICS).toEqual({
      ...Object.fromEntries(SERVICE_REGISTRY.map((s) => [camelCase(s.name), s.topic])),
      pings: 'platform.pings',
    });
    expect(TOPICS.roadCases).toBe('road-cases.events');
  });
});
