// Reads mocha's spec-reporter summary ("N passing", "N failing", "N pending") from its output.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** @param {string} output @returns {{ passed: number, failed: number, pending: number }} */
export function parseMochaSummary(output) {
  const text = output.replace(ANSI, '');
  const count = (word) => {
    const all = [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return all.length > 0 ? Number(all[all.length - 1][1]) : 0;
  };
  return { passed: count('passing'), failed: count('failing'), pending: count('pending') };
}
