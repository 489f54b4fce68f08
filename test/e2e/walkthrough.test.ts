// The Getting Started walkthrough as a new user meets it: open it, walk every step and press every button, each one
// doing what its step says (an example opens with the cursor in a literal, the panel convolves it, settings open, …).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useVSCode } from './harness';
import { pickCommand } from './workbench';

const WALKTHROUGH = 'Get started with Tensor Lens';

/** Brings the walkthrough's tab to the front and expands a step by its title. */
async function openStep(page: Page, title: string): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: 'Walkthrough: Tensor Lens' }).first().click();
  const step = page.locator('.getting-started-step', { hasText: title }).first();
  await step.locator('.step-title', { hasText: title }).first().click();
  await step.locator('.step-description-container').first().waitFor();
}

/** Presses one of the expanded step's buttons by its label. */
async function press(page: Page, label: string): Promise<void> {
  await page.locator('.getting-started-step.expanded').getByRole('button', { name: label, exact: true }).click();
}

describe('Getting Started walkthrough (code-server)', function () {
  this.timeout(240_000);
  const code = useVSCode();

  it('opens from Welcome: Open Walkthrough… with its six steps', async () => {
    const vs = code();
    await pickCommand(vs.page, 'Welcome: Open Walkthrough...');
    const input = vs.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(WALKTHROUGH);
    await vs.page.locator('.quick-input-widget .monaco-list-row', { hasText: WALKTHROUGH }).first().click();
    await vs.page.locator('.getting-started-category', { hasText: WALKTHROUGH }).first().waitFor({ timeout: 30_000 });
    for (const title of [
      'Convolve a tensor literal',
      'Hover a tensor or a layer',
      'See shapes flow through a model',
      'Train the example CNN',
      'Open a tensor file',
      'Look at live tensors while debugging',
    ]) {
      await vs.page.locator('.getting-started-step .step-title', { hasText: title }).first().waitFor();
    }
    await vs.screenshot('walkthrough-01-steps');
  });

  it('Convolve: Open Example File opens the example beside it, and Convolve Selection convolves its image', async () => {
    const vs = code();
    await openStep(vs.page, 'Convolve a tensor literal');
    await vs.screenshot('walkthrough-02-convolve-step');
    await press(vs.page, 'Open Example File');
    await vs.page.locator('.tabs-container .tab', { hasText: 'Untitled-1' }).waitFor();
    await vs.page.locator('.monaco-editor .view-lines', { hasText: '# Tensor Lens example' }).first().waitFor();
    await openStep(vs.page, 'Convolve a tensor literal');
    await press(vs.page, 'Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    await frame.locator('tl-convolution-view').getByText('image', { exact: false }).first().waitFor({ timeout: 30_000 });
    await vs.screenshot('walkthrough-03-convolved');
  });

  it('Hover: Hover Settings opens the tensorLens.hover settings', async () => {
    const vs = code();
    await openStep(vs.page, 'Hover a tensor or a layer');
    await press(vs.page, 'Hover Settings');
    await vs.page.locator('.settings-editor .setting-item-label', { hasText: 'Kernel' }).first().waitFor({ timeout: 30_000 });
  });

  it("Shapes: Set Input Shape asks for the example model's input shape", async () => {
    const vs = code();
    await openStep(vs.page, 'See shapes flow through a model');
    await press(vs.page, 'Set Input Shape');
    await vs.page.locator('.quick-input-widget', { hasText: 'Input shape of TinyNet' }).waitFor({ timeout: 20_000 });
    await vs.page.keyboard.press('Escape');
  });

  it('Train: Train Example CNN trains in the Training view', async () => {
    const vs = code();
    await openStep(vs.page, 'Train the example CNN');
    await press(vs.page, 'Train Example CNN');
    const view = await vs.webviewFrame('training', 60_000);
    await view
      .locator('div.summary')
      .getByText(/^Finished 500 steps/)
      .waitFor({ timeout: 90_000 });
  });

  it('Open a tensor file: Open Tensor File asks for a file', async () => {
    const vs = code();
    await openStep(vs.page, 'Open a tensor file');
    await press(vs.page, 'Open Tensor File');
    await vs.page.locator('.quick-input-widget .quick-input-box input').waitFor({ timeout: 20_000 });
    await vs.page.keyboard.press('Escape');
  });

  it('Debugging: the Tensors view shows, and Debug Settings lists tensorLens.debug.tensorsView', async () => {
    const vs = code();
    await openStep(vs.page, 'Look at live tensors while debugging');
    const text = (await vs.page.locator('.getting-started-step.expanded').textContent()) ?? '';
    assert.match(text, /tensorLens\.debug\.tensorsView/, 'the step names the setting that turns the automatic listing off');
    await press(vs.page, 'Show the Tensors View');
    await vs.page.getByText('Live tensors appear here', { exact: false }).first().waitFor({ timeout: 20_000 });
    await openStep(vs.page, 'Look at live tensors while debugging');
    await press(vs.page, 'Debug Settings');
    await vs.page.locator('.settings-editor .setting-item-label', { hasText: 'Tensors View' }).first().waitFor({ timeout: 30_000 });
    await vs.screenshot('walkthrough-04-debug-settings');
  });
});
