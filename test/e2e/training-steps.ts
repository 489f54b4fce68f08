// Training-view steps shared by the e2e suites: the view's frame and inputs, its summary line, PyTorch's 500 losses.
import assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { readGolden } from '../goldens';
import type { useVSCode } from './harness';

export async function trainingFrame(vs: ReturnType<ReturnType<typeof useVSCode>>): Promise<Frame> {
  const frame = await vs.webviewFrame('training');
  await frame.locator('tl-training-view button.train').waitFor();
  return frame;
}

/**
 * Opens the Training view beside the open tutorial file, checks it shows the tutorial CNN, loads PyTorch's initial
 * weights and presses Train; returns the view's element.
 */
export async function trainTutorialFromPyTorchWeights(vs: ReturnType<ReturnType<typeof useVSCode>>): Promise<Locator> {
  await vs.page.locator('.activitybar .action-item a[aria-label^="Tensor Lens"]').click();
  const frame = await trainingFrame(vs);
  const view = frame.locator('tl-training-view');
  await view.locator('.model').getByText('Conv2d(1,10,5) → ReLU → Linear(360,10)').waitFor();
  await view.locator('button.load-pytorch').click();
  await view.locator('.weights').getByText('PyTorch initial weights').waitFor();
  await view.locator('button.train').click();
  return view;
}

export async function setNumber(frame: Frame, cls: string, value: number): Promise<void> {
  const input = frame.locator(`tl-training-view input.${cls}`);
  await input.fill(String(value));
  await input.dispatchEvent('change');
}

/** The PyTorch run the view reproduces with "PyTorch initial weights": 500 losses. */
export const golden = readGolden<{ cases: { losses: number[] }[] }>('train_seed_cnn.json').cases[0];
/** Per-loss bound, as in the unit tests of the same run (measured there: 2.4e-7). */
export const LOSS_TOLERANCE = 1e-6;

/** "Finished 500 steps in 0.42 s · … · host stall ≤ 8 ms" → figures. */
export function parseSummary(text: string): { steps: number; seconds: number; stallMs: number } {
  const m = /(?:Finished|Stopped after) (\d+) steps in ([\d.]+) s .* host stall ≤ (\d+) ms/.exec(text);
  assert.ok(m, `unexpected summary: ${text}`);
  return { steps: Number(m[1]), seconds: Number(m[2]), stallMs: Number(m[3]) };
}
