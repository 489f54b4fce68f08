// The Python model IR: expressions with offsets, statements, classes, and module trees built by running __init__.
import assert from 'node:assert/strict';
import { findMethod, instantiate, int, parseExpr, readModelFile, type ModuleInstance, type Value } from '../../../src/core/pymodel';

const HEADER = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';

/** `path type {args}` per module, depth-first, for compact assertions. */
function tree(m: ModuleInstance, keys?: string[]): string[] {
  const show = (v: Value): string =>
    v.k === 'int' || v.k === 'float'
      ? String(v.v)
      : v.k === 'bool'
        ? v.v
          ? 'True'
          : 'False'
        : v.k === 'str'
          ? `'${v.v}'`
          : v.k === 'none'
            ? 'None'
            : v.k === 'tuple'
              ? `(${v.items.map(show).join(', ')})`
              : v.k;
  const args = Object.entries(m.args)
    .filter(([k]) => !keys || keys.includes(k))
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(' ');
  return [`${m.path || '<root>'} ${m.type}${args ? ` ${args}` : ''}`, ...m.children.flatMap(([, c]) => tree(c, keys))];
}

const build = (src: string, cls = 'Net', args: Value[] = []): ModuleInstance => instantiate(readModelFile(HEADER + src), cls, args);

describe('pymodel: expressions', () => {
  it('parses calls with keyword and starred arguments, keeping source offsets', () => {
    const text = 'x = nn.Conv2d(1, 32, kernel_size=3, *rest)';
    const e = parseExpr(text, 4);
    assert.equal(e.kind, 'call');
    if (e.kind !== 'call') return;
    assert.equal(text.slice(e.start, e.end), 'nn.Conv2d(1, 32, kernel_size=3, *rest)');
    assert.deepEqual(
      e.args.map((a) => text.slice(a.start, a.end)),
      ['1', '32', '*rest'],
    );
    assert.equal(text.slice(e.kwargs.kernel_size.start, e.kwargs.kernel_size.end), '3');
  });

  it('parses precedence (-, **, *, +), comparisons, and/or/not and conditional expressions', () => {
    const e = parseExpr('a if not b and c != 1 or d is not None else -2 ** 3 * 4 + 1');
    assert.equal(e.kind, 'ternary');
    if (e.kind !== 'ternary') return;
    assert.equal(e.test.kind, 'bool');
    assert.equal(e.orElse.kind, 'binop');
  });

  it('parses subscripts with slices and tuples, lists, and multi-line calls with comments', () => {
    assert.equal(parseExpr('x[:, 0, 1:3, ::2]').kind, 'index');
    const text = 'torch.cat(\n    [u,  # up-sampled\n     x],\n    dim=1)';
    const e = parseExpr(text);
    assert.equal(e.kind === 'call' && e.args[0].kind === 'tuple' && e.args[0].list, true);
  });

  it('rejects what it does not follow with a short reason', () => {
    assert.throws(() => parseExpr('[f(x) for x in xs]'), /comprehension/);
    assert.throws(() => parseExpr('lambda x: x'), /lambda/);
  });
});

describe('pymodel: module trees from __init__', () => {
  it('binds positional and keyword arguments with PyTorch defaults, and constant arithmetic', () => {
    const m = build(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, 5, padding=2, bias=False)
        self.fc = nn.Linear(16 * 5 * 5, 120 // 2 + 1)
        self.pool = nn.MaxPool2d(2)
`);
    assert.deepEqual(tree(m), [
      '<root> Net',
      "conv Conv2d in_channels=1 out_channels=6 kernel_size=5 padding=2 bias=False stride=1 dilation=1 groups=1 padding_mode='zeros'",
      'fc Linear in_features=400 out_features=61 bias=True',
      'pool MaxPool2d kernel_size=2 stride=None padding=0 dilation=1 return_indices=False ceil_mode=False',
    ]);
  });

  it('names nested nn.Sequential children as PyTorch does (features.1.0)', () => {
    const m = build(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3),
            nn.Sequential(nn.BatchNorm2d(8), nn.ReLU()),
        )
`);
    assert.deepEqual(tree(m, []), [
      '<root> Net',
      'features Sequential',
      'features.0 Conv2d',
      'features.1 Sequential',
      'features.1.0 BatchNorm2d',
      'features.1.1 ReLU',
    ]);
  });

  it("uses the file's own classes inside others, runs __init__'s if on constants, keeps a re-assigned child's place", () => {
    const src = `
class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride))
        self.out = nn.ReLU()

class Net(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.a = Block(width, width)
        self.b = Block(width, width * 2, stride=2)
`;
    assert.deepEqual(tree(build(src), ['in_channels', 'out_channels', 'stride']), [
      '<root> Net',
      'a Block',
      'a.conv Conv2d in_channels=16 out_channels=16 stride=1',
      'a.shortcut Sequential',
      'a.out ReLU',
      'b Block',
      'b.conv Conv2d in_channels=16 out_channels=32 stride=2',
      'b.shortcut Sequential',
      'b.shortcut.0 Conv2d in_channels=16 out_channels=32 stride=2',
      'b.out ReLU',
    ]);
    assert.deepEqual(tree(build(src, 'Net', [int(8)]), ['out_channels']).slice(-4, -3), ['b.conv Conv2d out_channels=16']);
  });

  it('builds layers from a list with append and nn.Sequential(*layers), and an nn.ModuleList', () => {
    const m = build(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        layers.append(nn.Linear(4, 8))
        layers.append(nn.ReLU())
        self.body = nn.Sequential(*layers)
        self.heads = nn.ModuleList([nn.Linear(8, 2), nn.Linear(8, 3)])
`);
    assert.deepEqual(tree(m, []), [
      '<root> Net',
      'body Sequential',
      'body.0 Linear',
      'body.1 ReLU',
      'heads ModuleList',
      'heads.0 Linear',
      'heads.1 Linear',
    ]);
  });

  it('reads subclasses of the file classes, docstrings and module-level constants', () => {
    const file = readModelFile(
      HEADER +
        `
HIDDEN = 32


class Base(nn.Module):
    """A base with a docstring
    over two lines (it's fine)."""

    def forward(self, x):
        return self.fc(x)


class Net(Base):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(HIDDEN, 10)
`,
    );
    assert.deepEqual([...file.moduleClasses.keys()], ['Base', 'Net']);
    const net = instantiate(file, 'Net');
    assert.deepEqual(tree(net, ['in_features']), ['<root> Net', 'fc Linear in_features=32']);
    assert.equal(findMethod(file, file.moduleClasses.get('Net')!, 'forward')?.body[0].kind, 'return');
  });

  it("raises PyTorch's TypeError for a missing layer argument", () => {
    assert.throws(
      () => build('class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4)\n'),
      { name: 'TorchError', message: "Linear.__init__() missing 1 required positional argument: 'out_features'" },
    );
  });

  it('finds where the file instantiates a model and what it calls it on', () => {
    const file = readModelFile(
      HEADER +
        "class Net(nn.Module):\n    def forward(self, x):\n        return x\n\n\nmodel = Net().to('cpu')\nimage = torch.zeros(1, 1, 8, 8)\nprint(model(image).shape)\n",
    );
    assert.deepEqual(
      file.instances.map((i) => [i.name, i.className, i.line]),
      [['model', 'Net', 10]],
    );
    assert.deepEqual(
      file.uses.map((u) => [u.instance, file.text.slice(u.arg.start, u.arg.end), u.line]),
      [['model', 'image', 12]],
    );
  });
});
