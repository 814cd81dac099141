// The monorepo's import rules, checked by `npm run lint:deps` (and CI). Each rule says why it exists; a newcomer
// who breaks one is told which rule and which import, before review does it for them.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-only-kernel-and-contracts',
      comment:
        'A domain folder holds the rules (deciders, events, commands, errors): pure functions tested as ' +
        'given/when/then. It imports its own folder, @app/domain-kernel and @app/contracts, never a framework, ' +
        'database, broker or the platform runtime, so a rule reads and changes without knowing how it is served.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/src/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^apps/$1/src/domain/', '^libs/domain-kernel/src/(?!testing/)', '^libs/contracts/src/'] },
    },
    {
      name: 'domain-specs-only-kernel-and-contracts',
      comment:
        "A decider's spec runs without Postgres or Kafka: besides what its domain folder may import, it takes the " +
        'spec helper (@app/domain-kernel/testing) and Node built-ins (reading a fixture), not @app/testing, whose ' +
        'barrel brings testcontainers.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/src/domain/.+\\.spec\\.ts$' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: ['^apps/$1/src/domain/', '^libs/domain-kernel/src/', '^libs/contracts/src/'],
      },
    },
    {
      name: 'kernel-only-contracts',
      comment:
        'The domain kernel is what domain folders may import, so it carries nothing they may not: no Nest, ' +
        'TypeORM, pg, kafkajs, and no lib but @app/contracts. Its own specs may use test/support aggregates.',
      severity: 'error',
      from: { path: '^libs/domain-kernel/src/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^libs/domain-kernel/src/', '^libs/contracts/src/'] },
    },
    {
      name: 'kernel-entry-without-test-helpers',
      comment: "Production code that imports the kernel must not carry jest's expect: the testing folder stays apart.",
      severity: 'error',
      from: { path: '^libs/domain-kernel/src/(?!testing/)', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain-kernel/src/testing/' },
    },
    {
      name: 'apps-not-each-other',
      comment:
        'Services talk through contracts over the bus and HTTP, never through each other’s code; shared code ' +
        'belongs in libs/. apps/embedded is the one exception: it is the composition root that runs every ' +
        'service (and the console in front of them) in one process, so it loads their service definitions (service-entries.ts, by the registry).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/embedded/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'console-page-only-api-client',
      comment:
        "The console's page runs in the browser and reaches the services through their HTTP APIs only: besides " +
        'its own folder and npm packages (Preact, Leaflet, openapi-fetch) it imports the typed client ' +
        '@app/api-client, never a service nor a lib written for Node (platform, event-store), which would bring ' +
        'Nest, pg and the handling of secrets into a bundle anyone can read. Its specs may read files (node:fs).',
      severity: 'error',
      from: { path: '^apps/console/web/src/', pathNot: '\\.spec\\.ts$' },
      to: {
        dependencyTypesNot: ['npm', 'npm-dev', 'core'],
        pathNot: ['^apps/console/web/', '^libs/api-client/src/'],
      },
    },
    {
      name: 'console-page-no-node',
      comment: "The page's code runs in the browser: no Node built-in (the build's own config aside).",
      severity: 'error',
      from: { path: '^apps/console/web/src/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'libs-not-apps',
      comment: 'Libraries serve every service; a lib that imports an app makes that app a dependency of all of them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'scripts-use-lib-entry-points',
      comment:
        "A CLI imports a lib through its alias (@app/x, the lib's public entry point), never by a relative path " +
        "into its folder, so a lib may rearrange its files without breaking the operators' tools.",
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^libs/[^/]+/src/index\\.ts$', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'scripts-not-into-lib-internals',
      comment:
        "The same rule for files behind a lib's entry point. A CLI that must stay light takes a lib's light entry " +
        '(@app/platform/cli: tokens, roles, variable names, committed-secret checks without Nest or TypeORM; ' +
        '@app/event-store/receipts: the receipt checker; @app/contracts/services: the registry alone).',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'scripts-not-into-app-internals',
      comment:
        'A CLI talks to a service through its API, its events or its one public file, ' +
        'apps/<name>/src/<name>.service-definition.ts (found by name through apps/embedded/src/service-entries.ts), ' +
        'never its rules or its other files: a domain folder changes with its service and owes scripts nothing.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: {
        path: '^apps/',
        pathNot: ['^apps/[^/]+/src/[^/]+\\.service-definition\\.ts$', '^apps/embedded/src/service-entries\\.ts$'],
      },
    },
  ],
  options: {
    // Type-only imports count: `import type` from a framework still couples a domain file to it.
    tsPreCompilationDeps: true,
    // Resolves the @app/* aliases as tsc, jest and webpack do.
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: excluding it would hide the very imports of Nest or TypeORM the domain rules forbid.
    exclude: { path: '^(dist|coverage)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
