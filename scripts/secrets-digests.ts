// Writes libs/platform/src/config/committed-secret-digests.ts: the SHA-256 of every secret committed to this
// repository (compose defaults, docs, .env examples, test fixtures), which a production service refuses to run with.
//   npm run secrets:digests            after adding a development default or a test fixture that is a secret
// test/secrets/committed-secrets.spec.ts fails while a committed secret is missing from the list.
import { DIGESTS_FILE, writeCommittedSecretDigests } from './secrets/committed-secrets';

const count = writeCommittedSecretDigests(process.cwd());
process.stdout.write(`${count} digests of committed secrets in ${DIGESTS_FILE}\n`);
