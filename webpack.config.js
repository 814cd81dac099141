// One build for every process: dist/apps/<name>/main.js, as Nest's monorepo mode lays it out.
// node_modules stay external (NestJS 12 is ESM; Node loads it through require(esm), stable since 22.12).
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

// The registry is plain erasable TypeScript that imports nothing, so Node loads it as it is.
const { SERVICE_NAMES } = require('./libs/contracts/src/services.registry.ts');

// Every registered service, apps/embedded, which runs them all in one process, and the console in front of them.
const apps = [...SERVICE_NAMES, 'embedded', 'console'];
// The operator CLIs the service image carries (dist/scripts/<name>.js): run with node, where tsx (a dev tool) is absent.
const operatorScripts = ['audit-verify', 'projections-rebuild', 'dlq-replay', 'events-tail'];

module.exports = {
  mode: 'none',
  target: 'node24',
  devtool: 'source-map',
  entry: Object.fromEntries([
    ...apps.map((app) => [`apps/${app}/main`, `./apps/${app}/src/main.ts`]),
    ...operatorScripts.map((script) => [`scripts/${script}`, `./scripts/${script}.ts`]),
  ]),
  // The console's page is Vite's output (npm run build runs it after webpack): a watch rebuild must not wipe it.
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: { keep: /^apps\/console\/web\// } },
  externals: [nodeExternals()],
  externalsPresets: { node: true },
  resolve: { extensions: ['.ts', '.js'], plugins: [new TsconfigPathsPlugin({ configFile: 'tsconfig.json' })] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { noEmit: false } },
      },
    ],
  },
  optimization: { nodeEnv: false, minimize: false },
  // The shared libs are bundled into each app; a split chunk would save little and tie the apps together.
  stats: 'errors-warnings',
};
