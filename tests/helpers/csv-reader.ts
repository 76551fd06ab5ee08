/**
 * A strict RFC 4180 reader, written from the RFC for the tests: it reads back what the
 * gradebook writes, and refuses what the RFC does not allow (a bare quote inside an unquoted
 * field, text after a closing quote, a record not ended by CRLF).
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("a quoted field is not closed");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r") {
        if (text[i] === '"' || text[i] === "\n") {
          throw new Error(`a bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        }
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.slice(i, i + 2) !== "\r\n") throw new Error(`a record must end with CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
  }
  return records;
}
