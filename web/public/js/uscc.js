// The Unified Social Credit Code (GB 32100-2015) as the registration form checks it while typed:
// 18 characters from the code's alphabet, the last a check character over the first 17. The server
// checks it again; this only explains a typo before the form is sent.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// → null when valid; else 'length', 'character' (with its position, 1-based) or 'check' (with the
// check character the first 17 call for).
export function usccProblem(text) {
  const code = text.trim().toUpperCase();
  for (let i = 0; i < code.length; i++) {
    if (!CHARS.includes(code[i])) return { kind: 'character', position: i + 1, char: code[i] };
  }
  if (code.length !== 18) return { kind: 'length', length: code.length };
  const sum = [...code.slice(0, 17)].reduce((acc, c, i) => acc + CHARS.indexOf(c) * WEIGHTS[i], 0);
  const expected = CHARS[(31 - (sum % 31)) % 31];
  return code[17] === expected ? null : { kind: 'check', expected };
}
