// The shared kernel lives in one KernelService per activation: what the panel remembers, hovers read and are told about.
import { strict as assert } from 'node:assert';
import { KernelService, type RememberedKernel } from '../../../src/host/kernel-service';

const kernel = (label: string): RememberedKernel => ({
  label,
  shape: [1, 1, 2, 2],
  data: [1, 0, 0, -1],
  args: { stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1, paddingMode: 'zeros', bias: null },
});

describe('KernelService', () => {
  it('starts empty, keeps the last remembered kernel and tells every listener', () => {
    const service = new KernelService();
    const initial = service.last;
    assert.equal(initial, undefined);
    const seen: string[] = [];
    service.onDidChange((k) => seen.push(`a:${k.label}`));
    service.onDidChange((k) => seen.push(`b:${k.label}`));
    service.remember(kernel('x'));
    service.remember(kernel('sobel'));
    assert.equal(service.last?.label, 'sobel');
    assert.deepEqual(seen, ['a:x', 'b:x', 'a:sobel', 'b:sobel']);
  });

  it('a disposed listener hears nothing more; two services share no state', () => {
    const one = new KernelService();
    const two = new KernelService();
    let calls = 0;
    const sub = one.onDidChange(() => calls++);
    one.remember(kernel('x'));
    sub.dispose();
    one.remember(kernel('y'));
    assert.equal(calls, 1);
    assert.equal(two.last, undefined, 'no module-global: a second service starts empty');
  });
});
