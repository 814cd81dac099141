import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testPublicKeys, testSigningKey } from './test-envelope-keys';
import { TEST_PERSONAL_DATA_KEY_ID, testPersonalDataSecret } from './test-personal-data-key';
import { pollUntil, SERVICE_NODE_FLAGS } from '@app/platform';

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  readonly app: string;
  readonly child: ChildProcess;
  /** Base URL once the process printed where it listens; '' for a process that never got there. */
  url: string;
  readonly exited: Promise<ExitResult>;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends the signal and waits for the exit; kills it after timeoutMs. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitResult & { elapsedMs: number }>;
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Runs a built app (dist/apps/<app>/main.js) as its own process, the way operators run it.
 * Resolves once it prints the address it listens on (or at once with waitForListening: false).
 */
export async function startServiceProcess(
  app: string,
  env: Record<string, string | undefined>,
  options: {
    waitForListening?: boolean;
    timeoutMs?: number;
    /** Where dist/ and node_modules are (default: here). */ root?: string;
  } = {},
): Promise<ServiceProcess> {
  const entry = join(options.root ?? process.cwd(), 'dist', 'apps', app, 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (npm test does)`);
  // An undefined value means "not set": spawn would pass the string "undefined".
  const childEnv = Object.fromEntries(
    Object.entries({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'info',
      // Each service signs with its own test key and knows every test signer's (a test can still set or unset them).
      // The embedded default makes its own development keys, one per service.
      ...(app === 'embedded'
        ? {}
        : {
            ENVELOPE_SIGNING_KEY: testSigningKey(app),
            ENVELOPE_PUBLIC_KEYS: testPublicKeys(),
            PERSONAL_DATA_SECRET: testPersonalDataSecret(),
            PERSONAL_DATA_KEY_ID: TEST_PERSONAL_DATA_KEY_ID,
          }),
      ...env,
    }).filter(([, v]) => v !== undefined),
  );
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, entry], {
    env: childEnv,
    cwd: options.root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<ExitResult>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const waitForOutput = (pattern: RegExp, timeoutMs = options.timeoutMs ?? 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          cleanup();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`${app}: no output matching ${pattern} within ${timeoutMs} ms. Output:\n${output.slice(-4000)}`),
        );
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`${app} exited before printing ${pattern}. Output:\n${output.slice(-4000)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.on('exit', onExit);
      check();
    });

  const handle: ServiceProcess = {
    app,
    child,
    url: '',
    exited,
    output: () => output,
    waitForOutput,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      const started = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return { ...result, elapsedMs: Date.now() - started };
    },
  };
  if (options.waitForListening !== false) {
    try {
      handle.url = (await waitForOutput(LISTENING))[1];
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }
  return handle;
}

/** Polls until fn() returns true; fails with the last observed value. */
export async function eventually<T>(
  fn: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 250, what = 'condition' } = {},
): Promise<T> {
  const outcome = await pollUntil(fn, accept, timeoutMs, intervalMs);
  if (outcome.reached) return outcome.value;
  const { last, lastError } = outcome;
  throw new Error(
    `${what} not reached within ${timeoutMs} ms; last value ${JSON.stringify(last)} ${lastError ? `(error ${String(lastError)})` : ''}`,
  );
}
