// Shape-flow steps shared by the e2e suites: the MNIST model with the wrong nn.Linear, and its lines as rendered (inlay hints included).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const MODEL = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9200, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        return F.log_softmax(self.fc2(x), dim=1)


model = Net()
images = torch.randn(4, 1, 28, 28)
out = model(images)
`;

export const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';
export const MESSAGE = 'mat1 and mat2 shapes cannot be multiplied (4x9216 and 9200x128)';
export const FC1_LINE = MODEL.split('\n').findIndex((l) => l.includes('x = self.fc1(x)')) + 1;

/**
 * The rendered line of the active editor that contains `text`, with its inlay hints: VS Code draws those as CSS
 * content of ::before/::after on decoration spans, so they are read from the computed styles.
 */
export async function renderedLine(page: Page, text: string, scope = ACTIVE_EDITOR): Promise<string> {
  const line = page.locator(`${scope} .view-line`, { hasText: text }).first();
  await line.waitFor({ timeout: 45_000 });
  // No named inner functions: the test bundler would wrap them in a helper the page does not have.
  return line.evaluate((el) => {
    const win = globalThis as any;
    let out = '';
    const stack: Array<{ node: any; after: boolean }> = [{ node: el, after: false }];
    while (stack.length) {
      const { node, after } = stack.pop()!;
      if (node.nodeType === 3) {
        out += String(node.textContent);
        continue;
      }
      const c = String(win.getComputedStyle(node, after ? '::after' : '::before').content ?? '');
      if (c && c !== 'none' && c !== 'normal') out += c.replace(/^"|"$/g, '');
      if (after) continue;
      stack.push({ node, after: true });
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i], after: false });
    }
    return out.replace(/\u00a0/g, ' ');
  });
}

/** Waits until that line (hints included) matches `pattern`; returns it. */
export async function waitForLine(page: Page, text: string, pattern: RegExp, scope = ACTIVE_EDITOR): Promise<string> {
  const deadline = Date.now() + 45_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await renderedLine(page, text, scope);
    if (pattern.test(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`line "${text}" never matched ${pattern}; last seen: "${last}"`);
}
