// npm run docs:images: the chosen e2e screenshots (test-results/e2e/) into media/readme/ as lossless WebP (the same pixels
// in a third of the PNG's bytes, which keeps the .vsix small: its README carries them inlined). Needs python3 with PIL.
// The e2e run never writes there itself; run this after `npm run test:e2e` (or the e2e files named below) and review the diff.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FROM = join(ROOT, 'test-results', 'e2e');
const TO = join(ROOT, 'media', 'readme');

/** README image ← e2e screenshot, and the e2e file that takes it. */
export const README_IMAGES = [
  { image: 'convolution-panel.webp', shot: 'convolve-01-panel.png', test: 'test/e2e/convolve.test.ts' },
  { image: 'window-1.webp', shot: 'convolve-05-window-1.png', test: 'test/e2e/convolve.test.ts' },
  { image: 'window-2.webp', shot: 'convolve-05-window-2.png', test: 'test/e2e/convolve.test.ts' },
  { image: 'window-3.webp', shot: 'convolve-05-window-3.png', test: 'test/e2e/convolve.test.ts' },
  { image: 'transposed.webp', shot: 'panel-transposed.png', test: 'test/e2e/transposed.test.ts' },
  { image: 'hover.webp', shot: 'hover-02-circle-image.png', test: 'test/e2e/hover.test.ts' },
  { image: 'training.webp', shot: 'training-01-example-finished.png', test: 'test/e2e/training.test.ts' },
  { image: 'shapes.webp', shot: 'shapes-03-quick-fix.png', test: 'test/e2e/shapes.test.ts' },
  { image: 'tensor-file-editor.webp', shot: 'files-01-state-dict.png', test: 'test/e2e/files.test.ts' },
  { image: 'live-tensor.webp', shot: 'debug-live-hover.png', test: 'test/e2e/debug.test.ts' },
];

const missing = README_IMAGES.filter((e) => !existsSync(join(FROM, e.shot)));
if (missing.length > 0) {
  console.error(`[docs:images] missing screenshots in ${FROM}:`);
  for (const e of missing) console.error(`  ${e.shot} (run: npx mocha --config .mocharc.json --timeout 180000 ${e.test})`);
  process.exit(1);
}
mkdirSync(TO, { recursive: true });
for (const e of README_IMAGES) {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const convert = "import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2], 'WEBP', lossless=True, method=6)";
  const r = spawnSync(python, ['-c', convert, join(FROM, e.shot), join(TO, e.image)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`[docs:images] ${python} could not write ${e.image} (it needs PIL: apt-get install python3-pil)`);
  console.log(
    `[docs:images] media/readme/${e.image} ← test-results/e2e/${e.shot} (${(statSync(join(TO, e.image)).size / 1024).toFixed(0)} KB)`,
  );
}
