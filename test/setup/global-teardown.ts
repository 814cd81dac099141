/** Stops only what globalSetup started (containers, an embedded Postgres, a broker it launched). */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as {
    integritySquareInfra?: { teardown(): Promise<void> };
    integritySquareTornDown?: boolean;
  };
  if (!state.integritySquareInfra || state.integritySquareTornDown) return;
  state.integritySquareTornDown = true;
  await state.integritySquareInfra.teardown();
}
