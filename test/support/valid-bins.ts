import { randomBin } from '../../scripts/demo-support';

/** A fresh BIN with a correct check digit (Kazakh BIN/IIN rule), so tests never share an institution by accident. */
export const validBin = randomBin;
