# W1–W4 in PyTorch on one thread, for `npm run bench` (prints one JSON object: median ms per workload).
import json, statistics, sys, time
try:
    import torch, torch.nn as nn, torch.nn.functional as F
except Exception as e:  # noqa: BLE001
    print(json.dumps({"error": "not installed: %s" % e})); sys.exit(0)

torch.set_num_threads(1)
warmup, runs = int(sys.argv[1]), int(sys.argv[2])

def med(fn, calls=1):
    for _ in range(warmup):
        for _ in range(calls): fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(calls): fn()
        times.append((time.perf_counter() - t0) * 1000 / calls)
    return statistics.median(times)

def one(col):
    return torch.tensor([[1.0 if j == col else 0.0 for j in range(10)] for _ in range(10)])
two = torch.tensor([[float(c) for c in r] for r in ['1111111110', '0000000010', '0000000010', '0000000010', '0111111110',
                                                    '0100000010', '0100000000', '0100000000', '0111111110', '0000000000']])
images = [one(0), one(1), one(2), one(3), two]; labels = [1, 1, 1, 1, 2]

class CNN(nn.Module):
    def __init__(self):
        super().__init__(); self.conv1 = nn.Conv2d(1, 10, 5, 1); self.linear = nn.Linear(360, 10)
    def forward(self, x):
        return self.linear(F.relu(self.conv1(x.view(1, 1, 10, 10))).view(1, -1))

def train():
    torch.manual_seed(0)
    model = CNN(); opt = torch.optim.Adam(model.parameters(), lr=0.01); lf = nn.CrossEntropyLoss()
    targets = [F.one_hot(torch.tensor([l]), 10).float() for l in labels]
    for _ in range(100):
        for img, t in zip(images, targets):
            out = model(img); opt.zero_grad(); loss = lf(out, t); loss.backward(); opt.step(); loss.item()

def conv(inp, wt, backward=False):
    x = torch.rand(*inp) - 0.5; w = torch.rand(*wt) - 0.5
    if not backward:
        return lambda: F.conv2d(x, w, None, 1, 1)
    x.requires_grad_(True); w.requires_grad_(True)
    gy = torch.rand(inp[0], wt[0], inp[2], inp[3])
    def fb():
        x.grad = None; w.grad = None
        F.conv2d(x, w, None, 1, 1).backward(gy)
    return fb

print(json.dumps({
    "version": torch.__version__,
    "W1": med(train),
    "W2": med(conv([1, 3, 224, 224], [64, 3, 3, 3])),
    "W3": med(conv([8, 16, 32, 32], [32, 16, 3, 3], True)),
    "W4": med(conv([1, 1, 64, 64], [1, 1, 3, 3]), calls=200),
}))
