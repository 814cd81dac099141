// The Kubernetes manifests of the services, built from the typed models of kubernetes-models (the Kubernetes
// OpenAPI schemas), so `npm run deploy:render` writes deploy/kubernetes/ and the test validates what it wrote.
// Postgres and Kafka are not here: they are the operator's, reached through each service's ConfigMap and Secret.
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service, type IEnvVar } from 'kubernetes-models/v1';
// The registry's own entry: this folder is ES modules, which see no names through the contracts barrel's re-exports.
import { registeredService, SERVICE_NAMES, type ServiceName } from '@app/contracts/services';

export type KubernetesObject = Deployment | Service | ConfigMap | HorizontalPodAutoscaler | PodDisruptionBudget;

/**
 * Read from the service's Secret `<service>-secrets`, which the operator creates (never this repository): the
 * connection URLs carry passwords, the rest are keys. Optional ones may be absent.
 */
export const SECRET_VARIABLES: ReadonlyArray<{ name: string; optional: boolean }> = [
  { name: 'DATABASE_URL', optional: false },
  { name: 'DATABASE_OWNER_URL', optional: false },
  { name: 'KAFKA_SASL_PASSWORD', optional: false },
  { name: 'ENVELOPE_SIGNING_KEY', optional: false },
  { name: 'CHECKPOINT_SIGNING_KEY', optional: false },
  { name: 'PERSONAL_DATA_SECRET', optional: false },
  // Production takes only asymmetric tokens: the identity provider's JWKS URL or its PEM public key (one of the two).
  // JWT_SECRET is absent on purpose: a production service refuses to start with one.
  { name: 'JWT_JWKS_URL', optional: true },
  { name: 'JWT_PUBLIC_KEY', optional: true },
];

/** Autoscaling bounds: two replicas so one can go while the other serves; the topics have 3 partitions, so a 4th
 * replica onwards consumes nothing but still serves HTTP and stands by for the background leaders. */
export const REPLICAS = { min: 2, max: 6 };

export interface ManifestOptions {
  /** Image tag: the package version, so a release renders its own manifests. */
  version: string;
}

const labels = (service: string) => ({
  'app.kubernetes.io/name': service,
  'app.kubernetes.io/part-of': 'integrity-square',
});

/** The ConfigMap every service reads first. Kafka is external: its address is the operator's to set here. */
export const SHARED_CONFIG = 'integrity-square';

function sharedConfigMap(): ConfigMap {
  return new ConfigMap({
    metadata: { name: SHARED_CONFIG, labels: { 'app.kubernetes.io/part-of': 'integrity-square' } },
    data: {
      KAFKA_BROKERS: 'kafka:9092',
      LOG_LEVEL: 'info',
      // Every service's Ed25519 public key, the line `npm run keys:generate` prints. Until it is set, the services
      // refuse to start, naming this variable.
      ENVELOPE_PUBLIC_KEYS: SERVICE_NAMES.map((name) => `${name}=REPLACE`).join(','),
      // The issuer the identity provider's tokens name (its keys: JWT_JWKS_URL or JWT_PUBLIC_KEY in the Secret).
      // Each service takes tokens whose audience names it (JWT_AUDIENCE, default its name).
      JWT_ISSUER: 'REPLACE',
    },
  });
}

/** The service's own settings, read after the shared ones (a name in both: this one wins). */
function configMap(service: ServiceName): ConfigMap {
  return new ConfigMap({
    metadata: { name: `${service}-config`, labels: labels(service) },
    data: {
      PORT: String(registeredService(service).port),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: service,
    },
  });
}

/** What one Deployment runs: a service of the registry, or the console. */
interface Workload {
  name: string;
  port: number;
  /** The ConfigMaps it reads, in order (a name in a later one wins). */
  configMaps: string[];
  env: IEnvVar[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}

function serviceWorkload(service: ServiceName): Workload {
  return {
    name: service,
    port: registeredService(service).port,
    configMaps: [SHARED_CONFIG, `${service}-config`],
    env: SECRET_VARIABLES.map(({ name, optional }) => ({
      name,
      valueFrom: { secretKeyRef: { name: `${service}-secrets`, key: name, optional } },
    })),
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  };
}

/**
 * The console (apps/console, the same image with APP=console): the page and its /api/<service>/ pass-through to each
 * service's ClusterIP Service. It holds no secret: with NODE_ENV=production (the image's) development sign-in is off,
 * so its pages for citizens work and signed-in roles need the identity provider's tokens.
 */
export const CONSOLE_WORKLOAD: Workload = {
  name: 'console',
  port: 3000,
  configMaps: ['console-config'],
  env: [],
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '192Mi' } },
};

function consoleConfigMap(): ConfigMap {
  const url = (name: ServiceName) => `http://${name}:${registeredService(name).port}`;
  return new ConfigMap({
    metadata: { name: 'console-config', labels: labels('console') },
    data: {
      CONSOLE_PORT: String(CONSOLE_WORKLOAD.port),
      ...Object.fromEntries(
        SERVICE_NAMES.map((name) => [`CONSOLE_${name.toUpperCase().replace(/-/g, '_')}_URL`, url(name)]),
      ),
    },
  });
}

function deployment(workload: Workload, options: ManifestOptions): Deployment {
  const service = workload.name;
  return new Deployment({
    metadata: { name: service, labels: labels(service) },
    spec: {
      // No replicas: the HorizontalPodAutoscaler owns the count, and an apply must not reset it.
      selector: { matchLabels: labels(service) },
      // A new replica is ready before an old one goes: readiness waits for Postgres, Kafka and the migrations.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(service) },
        spec: {
          automountServiceAccountToken: false,
          // No <SERVICE>_PORT=tcp://... variables from other Services in the namespace.
          enableServiceLinks: false,
          // The service drains within 10 s of SIGTERM (exitOnSignal); the preStop pause comes first.
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels(service) },
            },
          ],
          containers: [
            {
              name: service,
              image: `integrity-square/${service}:${options.version}`,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: workload.port, protocol: 'TCP' }],
              envFrom: workload.configMaps.map((name) => ({ configMapRef: { name } })),
              env: workload.env,
              // Up to 60 s for the first start: connecting to Postgres and running the migrations under their lock.
              startupProbe: {
                httpGet: { path: '/health/live', port: 'http' },
                periodSeconds: 2,
                timeoutSeconds: 2,
                failureThreshold: 30,
              },
              // 503 while Postgres or Kafka is away, a partition paused, or draining: no traffic, no restart.
              readinessProbe: {
                httpGet: { path: '/health/ready', port: 'http' },
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              livenessProbe: {
                httpGet: { path: '/health/live', port: 'http' },
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              // The endpoints forget the pod before its HTTP server closes.
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              resources: workload.resources,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  });
}

function service({ name, port }: Workload): Service {
  return new Service({
    metadata: { name, labels: labels(name) },
    spec: {
      type: 'ClusterIP',
      selector: labels(name),
      ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
    },
  });
}

function autoscaler(service: string): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: service, labels: labels(service) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service },
      minReplicas: REPLICAS.min,
      maxReplicas: REPLICAS.max,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
  });
}

function disruptionBudget(service: string): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name: service, labels: labels(service) },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels(service) } },
  });
}

/** The objects of one service, in the order a reader wants them (configuration first). */
export function serviceManifests(name: ServiceName, options: ManifestOptions): KubernetesObject[] {
  const workload = serviceWorkload(name);
  return [configMap(name), deployment(workload, options), service(workload), autoscaler(name), disruptionBudget(name)];
}

/** The console's objects: scaled and kept up like a service. */
export function consoleManifests(options: ManifestOptions): KubernetesObject[] {
  return [
    consoleConfigMap(),
    deployment(CONSOLE_WORKLOAD, options),
    service(CONSOLE_WORKLOAD),
    autoscaler(CONSOLE_WORKLOAD.name),
    disruptionBudget(CONSOLE_WORKLOAD.name),
  ];
}

/** Every object, by the file it goes to: shared.yaml, one file per service, console.yaml. */
export function manifestFiles(options: ManifestOptions): Map<string, KubernetesObject[]> {
  return new Map<string, KubernetesObject[]>([
    ['shared.yaml', [sharedConfigMap()]],
    ...SERVICE_NAMES.map((name): [string, KubernetesObject[]] => [`${name}.yaml`, serviceManifests(name, options)]),
    ['console.yaml', consoleManifests(options)],
  ]);
}

/** deploy/kubernetes/<file> as text, and the kustomization that lists them (`kubectl apply -k deploy/kubernetes`). */
export function renderedFiles(options: ManifestOptions, toYaml: (value: unknown) => string): Map<string, string> {
  const header =
    '# Generated by `npm run deploy:render` (scripts/deploy/kubernetes-manifests.ts): edit that, not this.\n';
  const files = new Map<string, string>();
  for (const [file, objects] of manifestFiles(options)) {
    files.set(file, header + objects.map((object) => `---\n${toYaml(object.toJSON())}`).join(''));
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...files.keys()],
  };
  files.set('kustomization.yaml', header + toYaml(kustomization));
  return files;
}
