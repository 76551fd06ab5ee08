/**
 * Where a text stops being JSON, and why, in words a student can act on ("a comma before }",
 * "NaN is not JSON"), with a 1-based line and column. Node's own JSON.parse messages differ
 * between versions and often omit the position, so this scans the text itself; it runs only
 * after JSON.parse has failed. It walks iteratively, so deep nesting costs no stack.
 */

export interface JsonSyntaxError {
  /** Offset in UTF-16 code units from the start of the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in characters from the start of the line. */
  column: number;
  problem: string;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER_LIKE = /[-+0-9A-Za-z.]+/y;

/** Words that other languages write where JSON wants something else. */
const FOREIGN_WORDS: Record<string, string> = {
  NaN: "NaN is not JSON (JSON has no NaN or Infinity); write null, or leave the value out",
  Infinity: "Infinity is not JSON (JSON has no NaN or Infinity); write a number or null",
  None: "None is Python, not JSON; write null",
  True: "True is Python, not JSON; write true",
  False: "False is Python, not JSON; write false",
  undefined: "undefined is not JSON; write null, or leave the key out",
};

type Frame = "object" | "array";

interface Scanner {
  text: string;
  pos: number;
}

function skipWhitespace(s: Scanner): void {
  while (s.pos < s.text.length) {
    const c = s.text.charCodeAt(s.pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
    s.pos++;
  }
}

/** What stands at the scanner, for "found ...". */
function found(s: Scanner): string {
  if (s.pos >= s.text.length) return "the end of the file";
  if (s.text[s.pos] === '"') {
    const close = s.text.indexOf('"', s.pos + 1);
    const end = close < 0 || close - s.pos > 24 ? s.pos + 20 : close + 1;
    return `${s.text.slice(s.pos, end)}${end === close + 1 ? "" : "..."}`;
  }
  WORD.lastIndex = s.pos;
  const word = WORD.exec(s.text);
  if (word) return word[0];
  return s.text[s.pos];
}

/** A problem at the scanner that a particular character explains better than "found x". */
function explainCharacter(s: Scanner): string | undefined {
  const c = s.text[s.pos];
  if (c === "'") return "strings and keys must be in double quotes, not single quotes";
  if (c === "/" && (s.text[s.pos + 1] === "/" || s.text[s.pos + 1] === "*")) {
    return "JSON has no comments";
  }
  WORD.lastIndex = s.pos;
  const word = WORD.exec(s.text);
  if (word && Object.hasOwn(FOREIGN_WORDS, word[0])) return FOREIGN_WORDS[word[0]];
  if (c === "-" && s.text.startsWith("-Infinity", s.pos)) return FOREIGN_WORDS.Infinity;
  if (c === "." && /[0-9]/.test(s.text[s.pos + 1] ?? "")) {
    return "a number needs a digit before its point (0.5, not .5)";
  }
  return undefined;
}

/** Scans a string starting at its opening quote; returns a problem or moves past the string. */
function scanString(s: Scanner): { offset: number; problem: string } | undefined {
  const start = s.pos;
  s.pos++;
  while (s.pos < s.text.length) {
    const c = s.text.charCodeAt(s.pos);
    if (c === 34) {
      s.pos++;
      return undefined;
    }
    if (c < 32) {
      return {
        offset: s.pos,
        problem: "a line break or control character inside a string (write \\n for a line break)",
      };
    }
    if (c === 92) {
      const next = s.text[s.pos + 1];
      if (next === "u") {
        if (!/^[0-9A-Fa-f]{4}$/.test(s.text.slice(s.pos + 2, s.pos + 6))) {
          return { offset: s.pos, problem: "\\u must be followed by 4 hexadecimal digits" };
        }
        s.pos += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) {
        return {
          offset: s.pos,
          problem: `\\${next ?? ""} is not an escape JSON knows; write \\\\ for a backslash`,
        };
      }
      s.pos += 2;
      continue;
    }
    s.pos++;
  }
  return {
    offset: start,
    problem: 'the string that starts here never ends; a closing " is missing',
  };
}

/** Scans a number, true, false or null; returns a problem or moves past it. */
function scanScalar(s: Scanner): { offset: number; problem: string } | undefined {
  const explained = explainCharacter(s);
  if (explained) return { offset: s.pos, problem: explained };
  const c = s.text[s.pos];
  if (c === "-" || (c >= "0" && c <= "9")) {
    NUMBER.lastIndex = s.pos;
    const match = NUMBER.exec(s.text);
    const end = s.pos + (match ? match[0].length : 0);
    const after = s.text[end];
    if (!match || (after !== undefined && /[0-9.eE]/.test(after))) {
      NUMBER_LIKE.lastIndex = s.pos;
      const token = NUMBER_LIKE.exec(s.text)?.[0] ?? c;
      return { offset: s.pos, problem: `${token} is not a JSON number (like -1, 0.5 or 2e-3)` };
    }
    s.pos = end;
    return undefined;
  }
  for (const literal of ["true", "false", "null"]) {
    if (s.text.startsWith(literal, s.pos)) {
      WORD.lastIndex = s.pos;
      const word = WORD.exec(s.text);
      if (word && word[0] === literal) {
        s.pos += literal.length;
        return undefined;
      }
    }
  }
  return { offset: s.pos, problem: `unexpected ${found(s)}; expected a value` };
}

/**
 * The first syntax error of a text, or undefined when the text is JSON. Long because it is one
 * state machine (value, key, colon, after) whose branches read best side by side; split, each piece
 * would take the scanner, the stack and the state and hand them back.
 */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const s: Scanner = { text, pos: 0 };
  const stack: Frame[] = [];
  type State = "value" | "key" | "colon" | "after";
  let state: State = "value";
  let afterComma = false;

  const fail = (offset: number, problem: string): JsonSyntaxError => ({
    offset,
    ...lineAndColumn(text, offset),
    problem,
  });

  for (;;) {
    skipWhitespace(s);
    const atEnd = s.pos >= text.length;
    const c = text[s.pos];
    const top = stack[stack.length - 1];
    if (state === "value") {
      if (atEnd) {
        return fail(
          s.pos,
          stack.length === 0
            ? "the file holds no value"
            : "the file ends where a value was expected",
        );
      }
      if (c === "]" && top === "array" && afterComma) {
        return fail(s.pos, "] follows a comma; remove the comma before it");
      }
      afterComma = false;
      if (c === "{" || c === "[") {
        stack.push(c === "{" ? "object" : "array");
        s.pos++;
        skipWhitespace(s);
        const close = c === "{" ? "}" : "]";
        if (text[s.pos] === close) {
          s.pos++;
          stack.pop();
          state = "after";
        } else {
          state = c === "{" ? "key" : "value";
        }
        continue;
      }
      const problem = c === '"' ? scanString(s) : scanScalar(s);
      if (problem) return fail(problem.offset, problem.problem);
      state = "after";
      continue;
    }
    if (state === "key") {
      if (c === '"') {
        const problem = scanString(s);
        if (problem) return fail(problem.offset, problem.problem);
        state = "colon";
        afterComma = false;
        continue;
      }
      if (c === "}" && afterComma)
        return fail(s.pos, "} follows a comma; remove the comma before it");
      if (atEnd) return fail(s.pos, "the file ends inside an object; a } is missing");
      const explained = explainCharacter(s);
      if (explained) return fail(s.pos, explained);
      return fail(s.pos, `unexpected ${found(s)}; expected a key in double quotes`);
    }
    if (state === "colon") {
      if (c === ":") {
        s.pos++;
        state = "value";
        continue;
      }
      return fail(s.pos, `unexpected ${found(s)}; expected : after the key`);
    }
    // state "after": a value is complete.
    if (top === undefined) {
      if (atEnd) return undefined;
      const explained = explainCharacter(s);
      if (explained) return fail(s.pos, explained);
      return fail(s.pos, `unexpected ${found(s)} after the end of the JSON value`);
    }
    if (c === ",") {
      s.pos++;
      afterComma = true;
      state = top === "object" ? "key" : "value";
      continue;
    }
    const close = top === "object" ? "}" : "]";
    if (c === close) {
      s.pos++;
      stack.pop();
      continue;
    }
    if (atEnd) {
      return fail(
        s.pos,
        `the file ends inside ${top === "object" ? "an object; a }" : "an array; a ]"} is missing`,
      );
    }
    const explained = explainCharacter(s);
    if (explained) return fail(s.pos, explained);
    return fail(
      s.pos,
      `unexpected ${found(s)}; expected , or ${close} after ${top === "object" ? "a property value" : "an array element"} (a comma missing?)`,
    );
  }
}
