/**
 * How an error message repeats what it was given. Input comes from command lines and files that anyone
 * can write, so a message quotes only a short prefix of it: a 100 MB property name in a trace file must
 * not become a 100 MB line on the terminal, and a newline inside a value must not break the rule that an
 * error is one line.
 *
 * @example
 * ```ts
 * clip('rms');                  // 'rms'
 * clip('x'.repeat(100_000));    // 'xxx…xxx… (100000 chars)': the first 60, an ellipsis, the length
 * clip('a\nb');                 // 'a\\nb'
 * ```
 *
 * @module
 */

/** How many characters of an input an error message repeats. */
export const CLIP_LENGTH = 60;

/** Control characters, shown escaped so that an echoed input stays on one line. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

function escape(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` as an error message may repeat it: at most {@link CLIP_LENGTH} characters, then `…` and the
 * whole length when it was cut; control characters escaped. Every message that echoes user input (an
 * argument, a name or value read from a file) passes it through here.
 */
export function clip(input: string | number): string {
  const text = String(input);
  let head = text;
  if (text.length > CLIP_LENGTH) {
    // Do not cut a surrogate pair in half: the prefix would end in a lone, unprintable half.
    const code = text.charCodeAt(CLIP_LENGTH - 1);
    head = text.slice(0, code >= 0xd800 && code <= 0xdbff ? CLIP_LENGTH - 1 : CLIP_LENGTH);
  }
  const shown = head.replace(CONTROL, escape);
  return head.length < text.length ? `${shown}… (${text.length} chars)` : shown;
}
