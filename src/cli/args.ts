// Command-line arguments: positionals and --options (with a value, or flags), unknown ones refused with one sentence.

export class UsageError extends Error {}

export interface Parsed {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** Splits argv by the options a command knows: `valued` take the next argument (or `--name=value`), `flags` none. */
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[]): Parsed {
  const out: Parsed = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || a === '--') {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (flags.includes(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
    } else if (valued.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      out.options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return out;
}
