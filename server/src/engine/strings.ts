// Small string scanners that stand in for regular expressions which backtrack quadratically on long input
// (test/robustness/redos.test.ts checks every regex of the server with recheck). Each says which regex it answers
// like, so its behaviour is pinned to that pattern's, line terminators included.

/** What a regex `.` does not match: `\n`, `\r`, U+2028 and U+2029. */
export function isLineTerminator(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
}

/**
 * `text` cut before the first of `needles` that stands on its last line: what `text.replace(/(?:n1|n2…).*$/, '')`
 * returns (`.*$` must reach the end without crossing a line break), in linear time; the regex retries `.*$` from
 * every occurrence. `cutFromFirst(uri, '?', '#')`, `cutFromFirst(url, '/blob/')`. Needles hold no line break.
 */
export function cutFromFirst(text: string, ...needles: string[]): string {
  let lineStart = text.length;
  while (lineStart > 0 && !isLineTerminator(text[lineStart - 1])) lineStart--;
  let cut = -1;
  for (const needle of needles) {
    const i = text.indexOf(needle, lineStart);
    if (i >= 0 && (cut < 0 || i < cut)) cut = i;
  }
  return cut < 0 ? text : text.slice(0, cut);
}

/** `text` without the run of `chars` at its end: `trimEndChars(s, '.:')` is `s.replace(/[.:]+$/, '')`. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Whether `text` may hold a `#` comment whose first word starts with `word`: some `#` followed by white space
 * (`\s`, line breaks included) and then `word`. A quick test before a directive regex that needs `#`, optional white
 * space and `word` (run.ts, k8s/node-memory.ts): never false when that regex would match. It looks only at the `#`
 * characters, which is several times faster on a large file than `text.includes(word)` (whose first letter is common).
 */
export function mayHaveCommentWord(text: string, word: string): boolean {
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    let j = i + 1;
    while (j < text.length && WHITE.test(text[j])) j++;
    if (text.startsWith(word, j)) return true;
  }
  return false;
}
const WHITE = /\s/;

/** The last segment of a path, a URI path or an argv[0] (`/opt/java/bin/java` → `java`, `C:\\app\\Dockerfile` → `Dockerfile`). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}
