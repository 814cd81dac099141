const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** A fresh BIN with a correct check digit (Kazakh BIN/IIN rule), so tests never share an institution by accident. */
export function validBin(): string {
  for (;;) {
    const head = String(Math.floor(Math.random() * 1e11)).padStart(11, '0');
    const digits = [...head].map(Number);
    let control = W1.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
    if (control === 10) control = W2.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
    if (control !== 10) return head + control;
  }
}
