/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
 * when it holds a comma, a double quote, CR or LF (a quote inside doubled), so names such as
 * `O'Brien, "Jo"` or ones with a line break come back whole from any conforming reader.
 */

/**
 * Characters that make a spreadsheet read a cell as a formula (=, +, -, @) or that some
 * spreadsheets strip before doing so (TAB, CR): OWASP's "CSV injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made inert for spreadsheets: a leading ' is added before a formula character, so a
 * student named "=HYPERLINK(...)" is shown as text by Excel, LibreOffice and Google Sheets instead
 * of being run when the instructor opens the gradebook. Numbers are written as they are.
 */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// Control characters other than TAB, CR and LF: terminal escape sequences in a name would act
// when the file is shown with cat or less.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * One field, quoted when RFC 4180 requires it (or when it holds the delimiter, if another than
 * the comma), control characters dropped.
 */
export function csvField(value: string | number, delimiter = ","): string {
  const text = typeof value === "number" ? String(value) : inertText(value.replace(CONTROLS, ""));
  return /[",\r\n]/.test(text) || text.includes(delimiter)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** One record, ended by CRLF. */
export function csvRecord(fields: readonly (string | number)[], delimiter = ","): string {
  return `${fields.map((f) => csvField(f, delimiter)).join(delimiter)}\r\n`;
}
