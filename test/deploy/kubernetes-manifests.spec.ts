import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service, type IContainer } from 'kubernetes-models/v1';
import { SERVICE_NAMES } from '@app/contracts';
import { ENVIRONMENT_VARIABLE_NAMES } from '@app/platform';
import { manifestFiles, renderedFiles, SECRET_VARIABLES } from '../../scripts/deploy/kubernetes-manifests';
import { CONSOLE_SERVICES, loadConsoleConfig } from '../../apps/console/src/console-config';
import { serviceDefinitions } from '../../apps/embedded/src/service-entries';

// deploy/kubernetes/ as committed: what `npm run deploy:render` writes today, every object valid against the
// Kubernetes OpenAPI schemas (kubernetes-models' validate()), and each service wired the way the code expects.

const root = process.cwd();
const folder = join(root, 'deploy/kubernetes');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const { version } = JSON.parse(read('package.json')) as { version: string };

/** The models by kind: each document of the committed files is validated as its own kind. */
const MODELS = { ConfigMap, Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget } as const;
type Kind = keyof typeof MODELS;
interface Manifest {
  apiVersion: string;
  kind: Kind;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

function committed(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(folder, file), 'utf8'))
    .map((document) => document.toJS() as Manifest)
    .filter(Boolean);
}

const files = readdirSync(folder).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
const all = files.flatMap(committed);
const find = <T>(kind: Kind, name: string) => {
  const found = all.filter((m) => m.kind === kind && m.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0] as unknown as T;
};

/** The default port a service listens on, as its definition states it. */
const definitions = await serviceDefinitions();
const definedPort = (name: string) => definitions.find((definition) => definition.name === name)!.defaultPort;

describe('deploy/kubernetes', () => {
  it('is exactly what npm run deploy:render writes (re-render after changing scripts/deploy/kubernetes-manifests.ts)', () => {
    const expected = renderedFiles({ version }, (value) => stringify(value));
    expect(readdirSync(folder).sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected)
      expect({ file, text: readFileSync(join(folder, file), 'utf8') }).toEqual({ file, text });
  });

  it('holds only objects that validate against the Kubernetes schemas, as committed', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const manifest of all) {
      const Model = MODELS[manifest.kind];
      expect(Model).toBeDefined();
      expect(() => new Model(manifest as never).validate()).not.toThrow();
    }
    // The generator's own objects too (what the YAML round trip could hide).
    for (const objects of manifestFiles({ version }).values()) for (const object of objects) object.validate();
  });

  it('is refused by that validation when a field has the wrong type or a required one is missing', () => {
    const deployment = structuredClone(find<Manifest>('Deployment', 'budgets')) as unknown as {
      spec: { template: { spec: { containers: IContainer[] } } };
    };
    const container = deployment.spec.template.spec.containers[0];
    container.ports = [{ containerPort: 'http' as unknown as number }];
    expect(() => new Deployment(deployment as never).validate()).toThrow(/containerPort must be integer/);
    container.ports = [{ containerPort: 3001 }];
    container.readinessProbe = { httpGet: { path: '/health/ready' } as never };
    expect(() => new Deployment(deployment as never).validate()).toThrow(/httpGet must have required property port/);
  });

  it('lists every file in its kustomization (kubectl apply -k deploy/kubernetes)', () => {
    const kustomization = parseAllDocuments(readFileSync(join(folder, 'kustomization.yaml'), 'utf8'))[0].toJS() as {
      kind: string;
      resources: string[];
    };
    expect(kustomization.kind).toBe('Kustomization');
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it('leaves Postgres and Kafka outside: no object of theirs, only their addresses in configuration', () => {
    expect(all.map((m) => m.kind).filter((kind) => !(kind in MODELS))).toEqual([]);
    expect(all.map((m) => m.metadata.name).filter((name) => /postgres|kafka/i.test(name))).toEqual([]);
  });

  describe.each(SERVICE_NAMES)('%s', (name) => {
    const deployment = () => find<Deployment>('Deployment', name);
    const container = () => deployment().spec!.template.spec!.containers[0];
    const podLabels = () => deployment().spec!.template.metadata!.labels!;

    it('runs its own image on its own port, named http, which its Service exposes', () => {
      expect(container().image).toBe(`integrity-square/${name}:${version}`);
      expect(container().ports).toEqual([{ name: 'http', containerPort: definedPort(name), protocol: 'TCP' }]);
      const service = find<Service>('Service', name);
      expect(service.spec!.selector).toEqual(podLabels());
      expect(service.spec!.ports).toEqual([
        { name: 'http', port: definedPort(name), targetPort: 'http', protocol: 'TCP' },
      ]);
      expect(deployment().spec!.selector.matchLabels).toEqual(podLabels());
    });

    it('is ready on GET /health/ready and alive on GET /health/live, through the http port', () => {
      expect(container().readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container().livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container().startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      // The readiness check waits up to 3 s per dependency; the probe must outwait it.
      expect(container().readinessProbe!.timeoutSeconds).toBeGreaterThan(3);
    });

    it('requests CPU and memory (the autoscaler measures against the request) and is limited in memory', () => {
      expect(container().resources?.requests).toEqual(
        expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
      );
      expect(container().resources?.limits?.memory).toEqual(expect.any(String));
    });

    it("runs as the image's non-root user on a read-only root file system, without privileges", () => {
      const user = /^USER (\d+):(\d+)$/m.exec(read('docker/Dockerfile'));
      expect(user).not.toBeNull();
      const pod = deployment().spec!.template.spec!.securityContext!;
      expect(pod).toEqual(
        expect.objectContaining({ runAsNonRoot: true, runAsUser: Number(user![1]), runAsGroup: Number(user![2]) }),
      );
      expect(container().securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(deployment().spec!.template.spec!.automountServiceAccountToken).toBe(false);
    });

    it('is scaled by a HorizontalPodAutoscaler (autoscaling/v2) of at least two replicas, and keeps one up in a disruption', () => {
      const hpa = find<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', name);
      expect(all.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.metadata.name === name)?.apiVersion).toBe(
        'autoscaling/v2',
      );
      expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec!.maxReplicas).toBeGreaterThan(hpa.spec!.minReplicas!);
      // The autoscaler owns the count: a replicas field would reset it on every apply.
      expect(deployment().spec!.replicas).toBeUndefined();
      const pdb = find<PodDisruptionBudget>('PodDisruptionBudget', name);
      expect(pdb.spec!.selector!.matchLabels).toEqual(podLabels());
      expect(pdb.spec!.maxUnavailable).toBe(1);
    });

    it('is configured only with variables the services know, every required one given, secrets from its Secret only', () => {
      const fromConfigMaps = (container().envFrom ?? []).flatMap(({ configMapRef }) =>
        Object.keys(find<ConfigMap>('ConfigMap', configMapRef!.name!).data ?? {}),
      );
      const fromSecret = (container().env ?? []).map((variable) => {
        expect(variable.valueFrom?.secretKeyRef?.name).toBe(`${name}-secrets`);
        expect(variable.valueFrom?.secretKeyRef?.key).toBe(variable.name);
        return variable.name;
      });
      const known: readonly string[] = ENVIRONMENT_VARIABLE_NAMES;
      expect([...fromConfigMaps, ...fromSecret].filter((variable) => !known.includes(variable))).toEqual([]);
      expect(fromConfigMaps.filter((variable) => /URL|PASSWORD|SECRET|SIGNING_KEY/.test(variable))).toEqual([]);
      // What NODE_ENV=production (the image's) requires: both database roles, the broker, both signing keys.
      const required = SECRET_VARIABLES.filter((variable) => !variable.optional).map((variable) => variable.name);
      expect(required).toEqual(
        expect.arrayContaining([
          'DATABASE_URL',
          'DATABASE_OWNER_URL',
          'ENVELOPE_SIGNING_KEY',
          'CHECKPOINT_SIGNING_KEY',
        ]),
      );
      expect(fromConfigMaps).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'PORT', 'ENVELOPE_PUBLIC_KEYS']));
      expect(fromSecret).toEqual(expect.arrayContaining(['JWT_JWKS_URL', 'JWT_PUBLIC_KEY', ...required]));
      // Production refuses a shared secret for tokens, so the manifests never offer one; the issuer is always named.
      expect(fromSecret).not.toContain('JWT_SECRET');
      expect(fromConfigMaps).toContain('JWT_ISSUER');
      const own = find<ConfigMap>('ConfigMap', `${name}-config`).data!;
      expect(own).toEqual(expect.objectContaining({ PORT: String(definedPort(name)), KAFKA_SASL_USERNAME: name }));
    });
  });

  describe('console', () => {
    const deployment = () => find<Deployment>('Deployment', 'console');
    const container = () => deployment().spec!.template.spec!.containers[0];
    const configured = () =>
      Object.assign(
        {},
        ...(container().envFrom ?? []).map(
          ({ configMapRef }) => find<ConfigMap>('ConfigMap', configMapRef!.name!).data,
        ),
      ) as Record<string, string>;

    it('runs the image built with APP=console on its port, exposed by its Service, probed like a service', () => {
      expect(container().image).toBe(`integrity-square/console:${version}`);
      const port = loadConsoleConfig(configured()).port;
      expect(container().ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
      expect(find<Service>('Service', 'console').spec!.ports).toEqual([
        { name: 'http', port, targetPort: 'http', protocol: 'TCP' },
      ]);
      expect(container().readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container().livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container().securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(
        find<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'console').spec!.minReplicas,
      ).toBeGreaterThanOrEqual(2);
    });

    it("reaches each service at its Service's name and port, holds no secret, and signs no token in production", () => {
      const config = loadConsoleConfig({ ...configured(), NODE_ENV: 'production' });
      for (const name of CONSOLE_SERVICES) {
        const service = find<Service>('Service', name);
        expect({ name, url: config.upstreams[name] }).toEqual({
          name,
          url: `http://${name}:${service.spec!.ports![0].port}`,
        });
      }
      expect(container().env ?? []).toEqual([]);
      expect(Object.keys(configured()).filter((variable) => /PASSWORD|SECRET|KEY/.test(variable))).toEqual([]);
      expect(config.devSignIn).toBeNull();
    });
  });
});
