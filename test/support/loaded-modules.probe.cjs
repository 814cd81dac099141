// Preloaded into a service by a test (NODE_OPTIONS=--require): at exit, names the OpenTelemetry packages the process
// loaded, so a test can tell whether the SDK was loaded at all. fs.writeSync: the process is exiting.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const packages = new Set();
  for (const path of Object.keys(require.cache)) {
    const match = path.match(/node_modules\/(@opentelemetry\/[^/]+)\//);
    if (match) packages.add(match[1]);
  }
  writeSync(2, `\nloaded-opentelemetry-packages: ${JSON.stringify([...packages].sort())}\n`);
});
