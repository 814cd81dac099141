/**
 * Node's flags for every process that runs an app (a service, the embedded default, the console): the Dockerfile's
 * CMD, package.json's start scripts (both written by `npm run services:render`) and the processes tests and benches
 * start (startServiceProcess) all take them from here.
 *
 * --max-semi-space-size=4: V8 sizes the young generation from the machine's memory (up to 3 × 32 MB here), and a
 * service that allocates in bursts (a command reads and parses its stream, an HTTP body, a Kafka batch) keeps all of
 * it resident. Capped at 4 MB, short-lived garbage is collected sooner: `npm run bench:services -- --scale 1` measured
 * budgets at 297-350 MB peak RSS without it and 260 MB with it, monitoring 284-311 against 170, road-cases 285-305
 * against 187, the demo year taking as long (52-67 s against 60 s, the machine's load 5-12 both ways).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
