import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface KcatMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
  /** Without it the key decides, hashed as the Java client and kafkajs do. */
  partition?: number;
}

// Control characters JSON never carries unescaped, and no id of ours contains: US between key and value,
// RS after the message (kcat's default delimiter, \n, would split a pretty-printed value into several).
const KEY_SEPARATOR = '\x1f';
const MESSAGE_DELIMITER = '\x1e';

/**
 * Produces with kcat (librdkafka), a Kafka client that shares no code with ours, so a test sees what our
 * consumers make of messages written by someone else. One kcat call per message: each call's exit code then
 * says whether that message was delivered.
 */
export async function kcatProduce(brokers: string, topic: string, messages: KcatMessage[]): Promise<void> {
  const kcat = findKcat();
  for (const [index, message] of messages.entries()) {
    if (message.key.includes(KEY_SEPARATOR)) throw new Error(`kcatProduce: message ${index}'s key contains \\x1f`);
    if (message.value.includes(MESSAGE_DELIMITER))
      throw new Error(`kcatProduce: message ${index}'s value contains \\x1e`);
    const headerArgs = Object.entries(message.headers).flatMap(([name, value]) => {
      // kcat splits -H at the first '=', so a name must not contain one (a value may).
      if (!name || name.includes('='))
        throw new Error(`kcatProduce: header name ${JSON.stringify(name)} cannot pass through kcat -H`);
      return ['-H', `${name}=${value}`];
    });
    const args = [
      '-P',
      '-b',
      brokers,
      '-t',
      topic,
      '-K',
      '\\x1f',
      '-D',
      '\\x1e',
      ...(message.partition === undefined ? [] : ['-p', String(message.partition)]),
      // librdkafka's default partitioner hashes keys differently (CRC32); murmur2 puts a key where ours would.
      '-X',
      'partitioner=murmur2_random',
      // Fail within the call instead of librdkafka's five-minute default when the broker is away.
      '-X',
      'message.timeout.ms=20000',
      ...headerArgs,
    ];
    await runWithInput(
      kcat,
      args,
      `${message.key}${KEY_SEPARATOR}${message.value}`,
      `kcat message ${index} to ${topic}`,
    );
  }
}

function findKcat(): string {
  for (const dir of ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter)]) {
    if (dir && existsSync(join(dir, 'kcat'))) return join(dir, 'kcat');
  }
  // Loud on purpose: a fault test that needs a foreign producer must fail where kcat is missing, never skip.
  throw new Error('kcat not found: apt-get install kcat');
}

function runWithInput(file: string, args: string[], input: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: 30_000, maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      // kcat exits non-zero when the message was not delivered; stderr says why (librdkafka's own log lines
      // there on success, e.g. a retried connect, are no failure).
      if (error) reject(new Error(`${what} failed: ${stderr.trim() || error.message}`));
      else resolve();
    });
    child.stdin!.end(input);
  });
}
