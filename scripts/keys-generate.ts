// New keys for the services, printed as the environment lines each service needs; nothing is written anywhere:
//   npm run keys:generate                                   envelope keys of all four services
//   npm run keys:generate -- --service fines                one (add its public key to the others' ENVELOPE_PUBLIC_KEYS)
//   npm run keys:generate -- --checkpoints <deployment>     checkpoint keys of the Merkle logs, origin <deployment>/<service>
// Envelope keys: each service gets ENVELOPE_SIGNING_KEY (keep it secret: whoever holds it can publish as that service)
// and every service the same ENVELOPE_PUBLIC_KEYS, and one PERSONAL_DATA_SECRET with its id. Checkpoint keys: each service gets CHECKPOINT_SIGNING_KEY (secret:
// whoever holds it can sign checkpoints as its log) and its verifier key (public: hand it to witnesses and auditors
// as <service>.vkey).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES } from '@app/contracts';
import { generateEnvelopeKeyPair } from '@app/messaging';
import { generateNoteKey } from '@app/transparency';
import { fail, parseService, exitOnHelp } from './cli-support';

const USAGE =
  'usage: npm run keys:generate [-- --service <name>] [--checkpoints <deployment, e.g. transparency.example.org>]';
exitOnHelp(USAGE);
let values: { service?: string; checkpoints?: string };
try {
  values = parseArgs({ options: { service: { type: 'string' }, checkpoints: { type: 'string' } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const services = values.service === undefined ? [...SERVICE_NAMES] : [parseService(values.service)];
if (values.checkpoints !== undefined) {
  const deployment = values.checkpoints.replace(/\/+$/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9.\-_/]*$/.test(deployment))
    fail(
      `--checkpoints must name the deployment (letters, digits, ".", "-", "_", "/"), not "${values.checkpoints}"\n${USAGE}`,
    );
  for (const name of services) {
    const key = generateNoteKey(`${deployment}/${name}`);
    process.stdout.write(
      `# ${name}: secret, the service's configuration only\nCHECKPOINT_SIGNING_KEY=${key.skey}\n# ${name}: public, ${name}.vkey for witnesses and auditors\n${key.vkey}\n`,
    );
  }
} else {
  const pairs = services.map((name) => ({ name, ...generateEnvelopeKeyPair() }));
  for (const { name, signingKey } of pairs) {
    process.stdout.write(`# ${name}\nENVELOPE_SIGNING_KEY=${signingKey}\n`);
  }
  process.stdout.write(
    `# every service\nENVELOPE_PUBLIC_KEYS=${pairs.map((p) => `${p.name}=${p.publicKey}`).join(',')}\n`,
  );
  // One key for all: monitoring and fines must digest an offender's IIN alike (a new key needs a new key id).
  process.stdout.write(
    `# every service, secret: the HMAC key of personal identifiers\nPERSONAL_DATA_SECRET=${randomBytes(32).toString('base64')}\nPERSONAL_DATA_KEY_ID=pd-${new Date().toISOString().slice(0, 10)}\n`,
  );
}
