// Tensor literal hovers: title and stats, the two images and their sizes, kernel caption, offers, links, parse errors.
import * as assert from 'node:assert/strict';
import { featureMap } from '../../../src/hover/feature-map';
import { HoverService } from '../../../src/hover/service';
import { commandArg, doc, env, example, hoverAt, images } from './helpers';

const intro = example('conv2d_intro.py');

describe('hover/tensor: the tutorial tensors', () => {
  it('image_tensor: name, dtype, shape, stats, heatmap and 3×3 feature map under the tutorial X kernel', () => {
    const md = hoverAt(intro, '[1, 1, 1, 1, 1],', 3);
    const title = md.split('\n')[0];
    assert.match(title, /\*\*image\\_tensor\*\*/);
    assert.match(title, /`torch\.float32`/);
    assert.match(title, /shape 1×1×5×5/);
    assert.match(title, /min 1 · max 1 · mean 1$/);
    const imgs = images(md);
    assert.equal(imgs.length, 2);
    assert.deepEqual([imgs[0].width, imgs[0].height, imgs[0].png.width, imgs[0].png.height], [80, 80, 80, 80]);
    assert.equal(imgs[0].alt, 'heatmap of [0, 0] 5×5');
    assert.deepEqual([imgs[1].width, imgs[1].height, imgs[1].png.width], [48, 48, 48]);
    assert.equal(imgs[1].alt, 'feature map 3×3');
    assert.match(md, /input \[0, 0\] 5×5 ⊛ X \\\(tutorial\\\) 3×3, stride 1, padding 0 → feature map 3×3/);
  });

  it('the feature map drawn is the engine conv2d of the plane (tutorial: all ones under X)', () => {
    const k = env().kernel;
    assert.ok(k && !('error' in k));
    const fm = featureMap(new Float32Array(25).fill(1), 5, 5, k);
    assert.ok(!('error' in fm));
    assert.deepEqual([fm.H, fm.W, ...fm.data], [3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Every pixel of the feature-map image has the same palette entry, as all its values are equal.
    const png = images(hoverAt(intro, '[1, 1, 1, 1, 1],', 3))[1].png;
    assert.equal(new Set(Array.from(png.data)).size, 1);
  });

  it('circle_image with the ring preset: values 0…0.1, feature map up to 0.2 at the corners', () => {
    const md = hoverAt(intro, '[0, 0.1, 0.1, 0.1, 0],', 2, env({ kernel: 'ring' }));
    assert.match(md.split('\n')[0], /\*\*circle\\_image\*\* · `torch\.float32` · shape 5×5 · min 0 · max 0\.1 · mean 0\.048/);
    assert.match(md, /⊛ Ring \\\(tutorial\\\) 3×3, stride 1, padding 0 → feature map 3×3/);
    assert.match(md, /<br>0 … 0\.2<\/td><\/tr><\/table>/);
    const fm = images(md)[1].png;
    // Corners of the 3×3 map are the strongest (same colour), the centre the weakest.
    const px = (r: number, c: number): number => fm.data[(r * 16 + 8) * fm.width + c * 16 + 8];
    assert.equal(px(0, 0), px(2, 2));
    assert.notEqual(px(0, 0), px(1, 1));
  });

  it('uses the kernel last chosen in the Convolution panel, with its arguments', () => {
    const remembered = {
      label: 'Sobel x',
      shape: [1, 1, 3, 3],
      data: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
      args: {
        stride: [2, 2] as [number, number],
        padding: [1, 1] as [number, number],
        dilation: [1, 1] as [number, number],
        groups: 1,
        paddingMode: 'zeros' as const,
        bias: null,
      },
    };
    const md = hoverAt(intro, '[1, 1, 1, 1, 1],', 3, env({}, remembered));
    assert.match(md, /⊛ Sobel x 3×3, stride 2, padding 1 → feature map 3×3/);
  });

  it('a literal kernel setting and its errors', () => {
    assert.match(
      hoverAt(intro, '[1, 1, 1, 1, 1],', 3, env({ kernel: '[[1, 0], [0, 1]]', padding: 'same' })),
      /⊛ custom 2×2, stride 1, padding 'same' → feature map 5×5/,
    );
    const bad = hoverAt(intro, '[1, 1, 1, 1, 1],', 3, env({ kernel: '[[1, 0], [0]]' }));
    assert.match(bad, /\$\(warning\) tensorLens\\\.hover\\\.kernel: row 2 has 1 element, expected 2/);
    assert.equal(images(bad).length, 1);
  });

  it("shows PyTorch's error instead of a feature map the kernel cannot make", () => {
    const md = hoverAt('x = [[1, 2], [3, 4]]\n', '[1, 2]', 1, env({ kernel: 'sobel-x' }));
    assert.match(
      md,
      /\$\(error\) `RuntimeError: Calculated padded input size per channel: \(2 x 2\)\. Kernel size: \(3 x 3\)\. Kernel size can't be greater than actual input size`/,
    );
    assert.equal(images(md).length, 1);
  });

  it('offers kernel literals of the file, but not the hovered one', () => {
    const onImage = hoverAt(intro, '[1, 1, 1, 1, 1],', 3);
    assert.deepEqual(commandArg(onImage, 'tensorLens.hover.useKernel'), {
      label: 'kernel_tensor',
      shape: [3, 3],
      data: [1, 0, 0, 0, -1, 0, 0, 0, 1],
    });
    assert.match(onImage, /kernels here: \[kernel\\_tensor\]\(.*\[diagonal\\_kernel\]\(/);
    const onKernel = hoverAt(intro, 'kernel_tensor = torch', 2);
    assert.doesNotMatch(onKernel, /\[kernel\\_tensor\]/);
    assert.match(onKernel, /\[diagonal\\_kernel\]/);
  });

  it('marks the offered kernel in use', () => {
    const remembered = {
      label: 'kernel_tensor',
      shape: [1, 1, 3, 3],
      data: [1, 0, 0, 0, -1, 0, 0, 0, 1],
      args: {
        stride: [1, 1] as [number, number],
        padding: [0, 0] as [number, number],
        dilation: [1, 1] as [number, number],
        groups: 1,
        paddingMode: 'zeros' as const,
        bias: null,
      },
    };
    assert.match(hoverAt(intro, '[1, 1, 1, 1, 1],', 3, env({}, remembered)), /kernels here: kernel\\_tensor ✓ · \[diagonal/);
  });

  it('links to the Convolution panel and to copying, with the data', () => {
    const md = hoverAt(intro, '[0, 0.1, 0.1, 0.1, 0],', 2);
    const open = commandArg(md, 'tensorLens.openTensor') as { title: string; shape: number[]; data: number[] };
    assert.equal(open.title, 'circle_image (examples/conv2d_intro.py:54)');
    assert.deepEqual(open.shape, [5, 5]);
    assert.deepEqual(open.data.slice(0, 5), [0, 0.1, 0.1, 0.1, 0]);
    assert.deepEqual(commandArg(md, 'tensorLens.copyTensor'), { shape: [5, 5], data: open.data, format: 'torch' });
  });

  it('counts NaN and infinities and keeps them out of min/max/mean', () => {
    const md = hoverAt('const t = [[1, NaN], [Infinity, -2], [-Infinity, 4]];\n', '[1, NaN]', 1, env(), 'typescript');
    assert.match(md.split('\n')[0], /\*\*t\*\* · `float32` · shape 3×2 · min -2 · max 4 · mean 1 · ⚠ 1 NaN, 1 \+Inf, 1 −Inf/);
  });

  it('JSON and TypeScript literals', () => {
    const json = example('tensors.json');
    assert.match(
      hoverAt(json, '"sobel_x"', 14, env(), 'json').split('\n')[0],
      /\*\*sobel\\_x\*\* · `float32` · shape 1×1×3×3 · min -2 · max 2 · mean 0/,
    );
    const ts = example('tensors.ts');
    const md = hoverAt(ts, 'tf.tensor2d([', 3, env(), 'typescript');
    assert.match(md.split('\n')[0], /\*\*horizontalKernel\*\* · `tf\.float32` · shape 3×3/);
    assert.equal(images(md).length, 2);
  });

  it('a malformed literal gives one line: the parse error and where it is', () => {
    const md = hoverAt('x = 1\ny = torch.tensor([[1, 2], [3]])\n', '[3]', 1);
    assert.equal(md, '$(error) Tensor Lens: examples/conv2d\\_intro\\.py:2:27: row 2 has 1 element, expected 2');
  });

  it('no hover outside literals, and none when disabled', () => {
    const s = new HoverService();
    assert.equal(s.provide(doc(intro), intro.indexOf('import torch') + 2, env()), undefined);
    assert.equal(s.provide(doc(intro), intro.indexOf('[1, 1, 1, 1, 1],') + 3, env({ enabled: false })), undefined);
  });

  it('heatmap only when feature maps are switched off', () => {
    const md = hoverAt(intro, '[1, 1, 1, 1, 1],', 3, env({ showFeatureMap: false }));
    assert.equal(images(md).length, 1);
    assert.doesNotMatch(md, /⊛|kernels here/);
  });
});
