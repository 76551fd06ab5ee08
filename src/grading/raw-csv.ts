/**
 * CSV read so that it can be written back byte for byte: each field keeps its raw text (quotes
 * and all) beside its value, each record its line ending, and the file its byte order mark. A
 * file read here and joined again with joinRawCsv is the same text; changing a field's raw text
 * changes that field and nothing else.
 */
export interface RawField {
  /** The field as the file writes it, quotes included. */
  raw: string;
  /** What it holds: quotes removed, doubled quotes single. */
  value: string;
}

export interface RawRecord {
  fields: RawField[];
  /** "\r\n", "\n", "\r", or "" for a last line without an ending. */
  end: string;
}

export interface RawCsv {
  bom: boolean;
  delimiter: string;
  records: RawRecord[];
}

/**
 * Parses text (RFC 4180, with any line ending; a quote in an unquoted field is taken as it is).
 * The delimiter is the one given, else a comma, else whichever of ; and TAB the first line
 * holds (a worksheet saved again by a spreadsheet in a locale that writes decimal commas).
 */
export function parseRawCsv(text: string, delimiter?: string): RawCsv {
  const bom = text.startsWith("\uFEFF");
  const body = bom ? text.slice(1) : text;
  const sep = delimiter ?? guessDelimiter(body);
  const records: RawRecord[] = [];
  let fields: RawField[] = [];
  let i = 0;
  while (i < body.length) {
    const field = readField(body, i, sep);
    fields.push(field.field);
    i = field.next;
    if (body[i] === sep) {
      i++;
      continue;
    }
    const end = body.startsWith("\r\n", i) ? "\r\n" : i < body.length ? body[i] : "";
    records.push({ fields, end });
    fields = [];
    i += end.length;
  }
  return { bom, delimiter: sep, records };
}

function guessDelimiter(body: string): string {
  const first = body.slice(0, body.search(/\r|\n|$/));
  if (first.includes(",")) return ",";
  if (first.includes(";")) return ";";
  return first.includes("\t") ? "\t" : ",";
}

function readField(text: string, start: number, sep: string): { field: RawField; next: number } {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && text[end] !== sep && text[end] !== "\r" && text[end] !== "\n") {
      end++;
    }
    const raw = text.slice(start, end);
    return { field: { raw, value: raw }, next: end };
  }
  let i = start + 1;
  let value = "";
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      i++;
      break;
    }
    value += text[i];
    i++;
  }
  // Anything between the closing quote and the delimiter belongs to the field too.
  let end = i;
  while (end < text.length && text[end] !== sep && text[end] !== "\r" && text[end] !== "\n") end++;
  value += text.slice(i, end);
  return { field: { raw: text.slice(start, end), value }, next: end };
}

/** The text again, every field as its raw text says. */
export function joinRawCsv(csv: RawCsv): string {
  const lines = csv.records.map((r) => r.fields.map((f) => f.raw).join(csv.delimiter) + r.end);
  return (csv.bom ? "\uFEFF" : "") + lines.join("");
}

/** A field holding value, quoted (always: any reader takes a quoted field). */
export function quotedField(value: string): RawField {
  return { raw: `"${value.replaceAll('"', '""')}"`, value };
}
