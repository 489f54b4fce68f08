// Benchmark of the shape flow: analyzeFile on a ~500-line model file (the goldens' models.py, plus ResNet-style stages
// and a wide VGG-like net), first call and median of warm calls. Target: well under 50 ms.
import { readFileSync } from 'node:fs';
import { analyzeFile } from '../src/core/shapes/index';
import { median } from './stats';

const models = readFileSync(new URL('../test/unit/shapes/fixtures/models.py', import.meta.url), 'utf8');

/** A VGG-like class with `n` conv stages written out line by line (as people write them), used on an input. */
function vgg(name: string, n: number): string {
  const init: string[] = [];
  const fwd: string[] = [];
  let c = 3;
  for (let i = 0; i < n; i++) {
    const out = Math.min(512, 16 << Math.floor(i / 2));
    init.push(`        self.conv${i} = nn.Conv2d(${c}, ${out}, kernel_size=3, padding=1)`, `        self.bn${i} = nn.BatchNorm2d(${out})`);
    fwd.push(`        x = F.relu(self.bn${i}(self.conv${i}(x)))`);
    if (i % 2 === 1) fwd.push('        x = F.max_pool2d(x, 2)');
    c = out;
  }
  return [
    `class ${name}(nn.Module):  # input: 8x3x256x256`,
    '    def __init__(self, num_classes=10):',
    '        super().__init__()',
    ...init,
    '        self.pool = nn.AdaptiveAvgPool2d((1, 1))',
    `        self.fc = nn.Linear(${c}, num_classes)`,
    '',
    '    def forward(self, x):',
    ...fwd,
    '        x = self.pool(x)',
    '        x = x.view(x.size(0), -1)',
    '        return self.fc(x)',
    '',
    '',
  ].join('\n');
}

const resnet = `
class ResNetish(nn.Module):  # input: 8x3x64x64
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
${Array.from({ length: 8 }, (_, i) => `        self.layer${i} = BasicBlock(${16 << Math.floor(i / 2)}, ${16 << Math.floor((i + 1) / 2)}, stride=${i % 2 ? 2 : 1})`).join('\n')}
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(${16 << 4}, 10)

    def forward(self, x):
        x = self.stem(x)
${Array.from({ length: 8 }, (_, i) => `        x = self.layer${i}(x)`).join('\n')}
        x = torch.flatten(self.pool(x), 1)
        return self.fc(x)

`;

let text = `${models}\n\n${resnet}`;
for (let k = 0; text.split('\n').length < 480; k++) text += vgg(`Wide${k}`, 16);
text += 'model = MnistNet()\nimages = torch.randn(64, 1, 28, 28)\nlogits = model(images)\n';
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/shapes-bench.py', text);
const lines = text.split('\n').length;

const t0 = performance.now();
const first = analyzeFile(text);
const firstMs = performance.now() - t0;
const ran = first.models.filter((m) => m.output).length;
if (ran < 5)
  throw new Error(
    `benchmark file: only ${ran} models ran: ${JSON.stringify(first.models.map((m) => [m.className, m.notRun ?? m.stop ?? m.error]))}`,
  );
for (let i = 0; i < 5; i++) analyzeFile(text);
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  analyzeFile(text);
  times.push(performance.now() - t);
}
const warm = { ms: median(times) };
// CPU time of this process per call: on a machine shared with other jobs, wall time mostly measures waiting.
const cpu0 = process.cpuUsage();
for (let i = 0; i < 30; i++) analyzeFile(text);
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000 / 30;
console.log(
  `shape flow on ${lines} lines (${first.models.length} models, ${ran} run, ${first.hints.size} hinted lines): first ${firstMs.toFixed(1)} ms, ` +
    `warm median ${warm.ms.toFixed(2)} ms wall, ${cpuMs.toFixed(2)} ms CPU per call  (target < 50 ms)`,
);
