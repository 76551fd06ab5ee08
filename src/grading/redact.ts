/** What stands in a student-facing text where a hidden input was. */
export const REDACTED = "[hidden]";

/**
 * The text with every whole decimal integer that is one of the values replaced by REDACTED:
 * "seed 123456789" loses the seed, "1234567890" (another number that contains it) does not.
 * Used on what a student may read (their log, the output of a hidden test) after a run whose
 * hidden inputs the student's code was sent and may have printed.
 */
export function redactIntegers(text: string, values: readonly number[]): string {
  if (values.length === 0 || text === "") return text;
  const secret = new Set(values.map((v) => String(v)));
  // A digit run not inside a longer number or a decimal fraction.
  return text.replace(/(?<![\d.])\d+(?!\d|\.\d)/g, (digits) =>
    secret.has(digits.replace(/^0+(?=\d)/, "")) ? REDACTED : digits,
  );
}
