// The example workspace opens without red squiggles: its TypeScript compiles on its own (no packages) and its JSON parses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');

describe('example workspace', function () {
  this.timeout(60_000);
  it('examples/tensors.ts type-checks strictly with no packages installed (no @tensorflow/tfjs import)', () => {
    const file = join(EXAMPLES, 'tensors.ts');
    const program = ts.createProgram([file], {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2020,
      lib: ['lib.es2020.d.ts'],
      skipLibCheck: true,
      // As in a workspace without node_modules: no @types packages.
      types: [],
      typeRoots: [],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? d.file.fileName.split('/').pop() : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(problems, []);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /^import .* from '@/m);
  });

  it('examples/tensors.json and the notebook are valid JSON', () => {
    for (const f of ['tensors.json', 'conv2d_intro.ipynb']) JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8'));
  });
});
