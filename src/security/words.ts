/**
 * Identifier words: `apiKey` → `api key`, `APIKey` → `api key`, `API_KEY` → `api key`,
 * `userSSN` → `user ssn`, `token2` → `token 2`. Shared by the secret-name rule (C3), the
 * sanitiser and audit name rules and receiver-name hints.
 */

/** Splits a Java identifier into lower-case words at `_`, `$`, case changes, acronym ends and digit runs. */
export function identifierWords(identifier: string): string[] {
  const words: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current !== '') words.push(current.toLowerCase());
    current = '';
  };
  for (let i = 0; i < identifier.length; i++) {
    const ch = identifier[i]!;
    if (ch === '_' || ch === '$' || ch === '-' || ch === ' ') {
      flush();
      continue;
    }
    const prev = current === '' ? '' : current[current.length - 1]!;
    const next = identifier[i + 1] ?? '';
    const startsWord =
      current !== '' &&
      ((isLower(prev) && isUpper(ch)) ||
        // The last capital of an acronym starts the next word: `APIKey` → `API`, `Key`.
        (isUpper(prev) && isUpper(ch) && isLower(next)) ||
        isDigit(prev) !== isDigit(ch));
    if (startsWord) flush();
    current += ch;
  }
  flush();
  return words;
}

/** Whether `words` ends with the words of `phrase` (space-separated, lower case). */
export function endsWithWords(words: readonly string[], phrase: string): boolean {
  const tail = phrase.split(' ');
  if (tail.length > words.length) return false;
  const offset = words.length - tail.length;
  return tail.every((w, i) => words[offset + i] === w);
}

function isUpper(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z';
}

function isLower(ch: string): boolean {
  return ch >= 'a' && ch <= 'z';
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
