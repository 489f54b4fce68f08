// Layer constructor signatures have one home: src/core/pymodel/builtin-layers.ts. The model IR and the literal finder bind
// through it, and this test greps src/ and webview/ for a second table (three parameter names of one layer in a row).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FUNCTION_SIGNATURES, LAYER_SIGNATURES, bindLayerArguments } from '../../../src/core/pymodel';
import { parseLiteral } from '../../../src/core/literals';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const files = [...sources(join(root, 'src')), ...sources(join(root, 'webview'))].map((path) => ({
  path: relative(root, path).split('\\').join('/'),
  code: readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, ''),
}));

/**
 * A signature's first three parameter names (its own, not the stride/padding/dilation every conv setting has), quoted,
 * with only a table row's punctuation between them (and the table's `R` for required).
 */
const rowsOf = (params: string[]): RegExp[] =>
  params.length < 3
    ? []
    : [
        new RegExp(
          params
            .slice(0, 3)
            .map((p) => `['"\`]${p}['"\`]`)
            .join(`(?:[^'"\`\\w]|\\bR\\b){0,24}`),
        ),
      ];

describe('layer signatures live in one table', () => {
  it('finds sources to scan (the scan itself can fail)', () => {
    assert.ok(files.length > 100, `only ${files.length} files under src/ and webview/`);
    assert.ok(files.some((f) => f.path === 'src/core/pymodel/builtin-layers.ts'));
  });

  it('no file but builtin-layers.ts lists a layer’s constructor parameters', () => {
    const tables = { ...LAYER_SIGNATURES, ...FUNCTION_SIGNATURES };
    const found = new Set<string>();
    for (const [type, sig] of Object.entries(tables)) {
      const rows = rowsOf(sig.map(([name]) => name));
      for (const f of files) if (rows.some((re) => re.test(f.code))) found.add(`${f.path} (${type})`);
    }
    assert.deepEqual(
      [...found].filter((f) => !f.startsWith('src/core/pymodel/builtin-layers.ts ')),
      [],
      'a second table of layer signatures: bind through bindLayerArguments instead',
    );
    assert.ok(
      [...found].some((f) => f.startsWith('src/core/pymodel/builtin-layers.ts (Conv2d)')),
      'the scan sees the table itself',
    );
  });

  it('binds as Python does, with PyTorch’s TypeErrors, for the model IR and the literal finder alike', () => {
    const ok = bindLayerArguments('Conv2d', [1, 10, 5], [['padding', 2]]);
    assert.ok('bound' in ok && ok.bound.get('kernel_size') === 5 && ok.bound.get('padding') === 2);
    const tooMany = bindLayerArguments('ReLU', [true, 1], []);
    assert.ok('error' in tooMany && tooMany.at === 1);
    assert.equal(tooMany.error, 'ReLU.__init__() takes from 1 to 2 positional arguments but 3 were given');
    const pool = bindLayerArguments('MaxPool2d', [], [['stride', 2]]);
    assert.ok('error' in pool && pool.at === undefined);
    assert.equal(pool.error, "_MaxPoolNd.__init__() missing 1 required positional argument: 'kernel_size'");
    const literal = parseLiteral('nn.MaxPool2d(stride=2)');
    assert.ok(literal.kind === 'error', 'the literal finder reports the same TypeError');
    assert.equal(literal.message, pool.error);
    const fn = bindLayerArguments('conv2d', ['x'], [], true);
    assert.ok('error' in fn);
    assert.equal(fn.error, "conv2d() missing 1 required positional argument: 'weight'");
  });
});
