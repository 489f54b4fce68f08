// The command line entry (dist/cli.js, `tensor-lens`): explore and shapes, exit 0 ok / 1 model failure / 2 bad input.
import { UsageError } from './args';
import { exploreCommand } from './explore-command';
import { HELP } from './help';
import { ModelFailure } from './io';
import { shapesCommand } from './shapes-command';

export async function main(argv: string[]): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help')) {
      print(HELP);
      return command ? 0 : 2;
    }
    if (command === 'explore') await exploreCommand(rest, print);
    else if (command === 'shapes') shapesCommand(rest, print);
    else throw new UsageError(`unknown command "${command}" (expected explore or shapes)`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`tensor-lens: ${e.message} (see tensor-lens --help)\n`);
      return 2;
    }
    if (e instanceof ModelFailure) {
      if (e.message) process.stderr.write(`${e.message}\n`);
      return 1;
    }
    process.stderr.write(`tensor-lens: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
