import { readFileSync } from 'node:fs';
import { analyzeFile } from './src/core/shapes/analyze';
let text = readFileSync('/work/wt/shared/goldens-layers/models.py', 'utf8');
text += `\n\nmodel = MnistNet(9200)\nimage = torch.randn(4, 1, 28, 28)\nout = model(image)\nlenet = LeNet5()\nlenet(torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]]))\n`;
text = text.replace('class TinyResNet(nn.Module):', '# input: 2x3x32x32\nclass TinyResNet(nn.Module):');
const t0 = performance.now();
const r = analyzeFile(text);
console.log(performance.now() - t0);
for (const m of r.models) console.log(JSON.stringify({ ...m, leafOutputs: m.leafOutputs.length }));
console.log(
  [...r.hints]
    .slice(0, 40)
    .map(([l, t]) => l + ': ' + t.join(' '))
    .join('\n'),
);
console.log(r.layers.slice(0, 5));
