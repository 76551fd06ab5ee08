import { CHECK_IDS } from "../protocol/types.js";

const ID_PATTERN = /("pattern": "\^\(\?:)[^)]*(\)\(\?::)/;
const ID_MESSAGE =
  /(is not a check spikegrade knows; expected one of )[^"]*?(, optionally followed by :variant")/;

/**
 * rubric.schema.json's text with its check ids (the id pattern and its message) set from
 * CHECK_IDS, the rest byte for byte as written: adding an id to CHECK_IDS and running
 * `spikegrade reference` is all the schema needs. Throws if the text has lost either place.
 */
export function rubricSchemaText(text: string, ids: readonly string[] = CHECK_IDS): string {
  if (!ID_PATTERN.test(text) || !ID_MESSAGE.test(text)) {
    throw new Error("rubric.schema.json no longer holds the check ids' pattern and its message");
  }
  // In the JSON text a regular expression's \. is written \\.
  const alternatives = ids.map((id) => id.replaceAll(".", "\\\\.")).join("|");
  return text
    .replace(ID_PATTERN, (_, before: string, after: string) => `${before}${alternatives}${after}`)
    .replace(
      ID_MESSAGE,
      (_, before: string, after: string) => `${before}${ids.join(", ")}${after}`,
    );
}
