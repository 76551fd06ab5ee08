/** Misuse of the command line: a message on stderr and exit 2 (SPEC). */
export function misuse(command: string, message: string): never {
  process.stderr.write(`spikegrade ${command}: ${message}\n`);
  process.exit(2);
}

/** --timeout SECONDS as milliseconds; anything but a positive number is misuse. */
export function parseTimeout(value: string, command: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    misuse(command, `--timeout must be a positive number of seconds, not ${JSON.stringify(value)}`);
  }
  return seconds * 1000;
}
