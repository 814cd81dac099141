// New Ed25519 envelope keys, one pair per service, printed as the environment lines each service needs:
//   npm run keys:generate                       all four services
//   npm run keys:generate -- --service fines    one (add its public key to the others' ENVELOPE_PUBLIC_KEYS)
// Each service gets ENVELOPE_SIGNING_KEY (keep it secret: whoever holds it can publish as that service) and every
// service gets the same ENVELOPE_PUBLIC_KEYS. Nothing is written anywhere.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES } from '../libs/contracts/src/index';
import { generateEnvelopeKeyPair } from '../libs/messaging/src/signing/envelope-keys';
import { fail, parseService } from './cli-support';

const USAGE = 'usage: npm run keys:generate [-- --service <name>]';
let service: string | undefined;
try {
  service = parseArgs({ options: { service: { type: 'string' } } }).values.service;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const services = service === undefined ? [...SERVICE_NAMES] : [parseService(service)];
const pairs = services.map((name) => ({ name, ...generateEnvelopeKeyPair() }));
for (const { name, signingKey } of pairs) {
  process.stdout.write(`# ${name}\nENVELOPE_SIGNING_KEY=${signingKey}\n`);
}
process.stdout.write(`# every service\nENVELOPE_PUBLIC_KEYS=${pairs.map((p) => `${p.name}=${p.publicKey}`).join(',')}\n`);
