# W1-W7 and W9 in PyTorch for `npm run bench`: the bench's runner protocol (bench/runners/serve.ts) on stdin/stdout.
# Usage: /usr/bin/python3 bench/pytorch_workloads.py THREADS   (one JSON request per line, one JSON reply per line)
import json, re, statistics, sys, time
try:
    import torch, torch.nn as nn, torch.nn.functional as F
except Exception as e:  # noqa: BLE001
    print(json.dumps({"error": "PyTorch not installed: %s" % e}), flush=True); sys.exit(0)

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
# Same warm-up rule as serve.ts: until the last 3 calls are within 10% of their median, capped at 3 s or 500 calls.
WINDOW, TOL, MAX_S, MAX_CALLS = 3, 0.1, 3.0, 500


def rand(*shape, seed=1):
    # The same LCG as bench/workloads.ts randomData, so every engine sees the same numbers.
    n = 1
    for d in shape: n *= d
    s = seed; out = [0.0] * n
    for i in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = s / 4294967296 - 0.5
    return torch.tensor(out, dtype=torch.float32).view(*shape)


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
    last = 0.0
    for _ in range(100):
        for img, t in zip(images, targets):
            out = model(img); opt.zero_grad(); loss = lf(out, t); loss.backward(); opt.step(); last = loss.item()
    return last


def conv(inp, wt, groups=1, sobel=False):
    x = rand(*inp)
    w = torch.tensor([-1., 0, 1, -2, 0, 2, -1, 0, 1]).repeat(wt[0]).view(*wt) if sobel else rand(*wt, seed=2)
    return lambda: F.conv2d(x, w, None, 1, 1, 1, groups).sum().item()


def conv_backward(inp, wt):
    x = rand(*inp).requires_grad_(True); w = rand(*wt, seed=2).requires_grad_(True)
    gy = rand(inp[0], wt[0], inp[2], inp[3], seed=3)
    def fb():
        x.grad = None; w.grad = None
        F.conv2d(x, w, None, 1, 1).backward(gy)
        return x.grad.sum().item() + w.grad.sum().item()
    return fb


class MnistNet(nn.Module):
    # The PyTorch examples' MNIST net without dropout.
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1); self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(9216, 128); self.fc2 = nn.Linear(128, 10)
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


def mnist_step():
    torch.manual_seed(0)
    model = MnistNet(); opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = rand(64, 1, 28, 28, seed=4) + 0.5; y = torch.tensor([(i * 7) % 10 for i in range(64)])
    def step():
        opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step(); return loss.item()
    return step


def transposed_backward():
    # W9: ConvTranspose2d(64, 32, 4, stride 2, padding 1) on 8x64x28x28, forward and backward (bench/workloads.ts W9).
    x = rand(8, 64, 28, 28).requires_grad_(True); w = rand(64, 32, 4, 4, seed=2).requires_grad_(True)
    gy = rand(8, 32, 56, 56, seed=3)
    def fb():
        x.grad = None; w.grad = None
        F.conv_transpose2d(x, w, None, 2, 1).backward(gy)
        return x.grad.sum().item() + w.grad.sum().item()
    return fb


W7_STEPS = 10  # bench/w7.ts: one Train press = 10 epochs of one batch of 64


def mnist_run():
    # W7: a Python training loop of the same net and batch, from fresh weights, as one Train press in the view.
    x = rand(64, 1, 28, 28, seed=5) + 0.5
    y = torch.tensor([(i * 7) % 10 for i in range(64)])
    def run():
        torch.manual_seed(0)
        model = MnistNet(); opt = torch.optim.SGD(model.parameters(), lr=0.01); last = 0.0
        for _ in range(W7_STEPS):
            opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step(); last = loss.item()
        return last
    return run


def resnet18():
    # W8: the same ResNet-18 source as the explorer reads (bench/resnet18.py), eval mode, no autograd.
    import os, importlib.util
    spec = importlib.util.spec_from_file_location("resnet18", os.path.join(os.path.dirname(__file__), "resnet18.py"))
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    torch.manual_seed(0)
    model = mod.ResNet18().eval(); x = rand(1, 3, 224, 224)

    def fwd():
        with torch.no_grad():
            return model(x).sum().item()
    return fwd


def peak_rss_mb():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


FACTORIES = {
    "W1": lambda: train,
    "W2": lambda: conv([1, 3, 224, 224], [64, 3, 3, 3]),
    "W3": lambda: conv_backward([8, 16, 32, 32], [32, 16, 3, 3]),
    "W4": lambda: conv([1, 1, 64, 64], [1, 1, 3, 3]),
    "W5": lambda: conv([1, 3, 1024, 1024], [3, 1, 3, 3], groups=3, sobel=True),
    "W6": mnist_step,
    "W7": mnist_run,
    "W8": resnet18,
    "W9": transposed_backward,
}


def timed(fn, calls):
    # The median of the calls, each timed alone (as serve.ts).
    times = []
    for _ in range(calls):
        t0 = time.perf_counter(); fn(); times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def warm_up(fn, sample_ms):
    times = []; start = time.perf_counter()
    while True:
        times.append(timed(fn, 1))
        last = times[-WINDOW:]; m = statistics.median(last)
        stable = len(last) == WINDOW and all(abs(t - m) <= TOL * m for t in last)
        if stable or time.perf_counter() - start > MAX_S or len(times) >= MAX_CALLS:
            return {"calls": max(1, round(sample_ms / max(m, 1e-3))), "warmupCalls": len(times), "warmMs": m}


def build_info():
    # What decides PyTorch's CPU speed on this machine: its BLAS and the vector width its kernels use (the bench unsets
    # OPENBLAS_* for this process, so an OPENBLAS_CORETYPE of the shell cannot hold it back).
    cfg = torch.__config__.show()
    cap = None
    if hasattr(torch.backends, "cpu") and hasattr(torch.backends.cpu, "get_cpu_capability"):
        cap = torch.backends.cpu.get_cpu_capability()
    else:
        for line in cfg.splitlines():
            if "CPU capability usage" in line: cap = line.split(":", 1)[1].strip()
    blas = re.findall(r"BLAS_INFO=(\w+)", cfg)
    mkldnn = "oneDNN" if torch.backends.mkldnn.is_available() else "no oneDNN"
    torch.ones(8, 8) @ torch.ones(8, 8)  # loads the BLAS library, to name the one really mapped (a 'generic' build links libblas)
    try:
        libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower()})
    except OSError:
        libs = []
    return "CPU capability %s, BLAS %s (%s), %s" % (cap or "unknown", blas[0] if blas else "unknown", " ".join(libs) or "no library seen", mkldnn)


def main():
    ready = {}
    print(json.dumps({"ready": "pytorch %s, %d thread%s; %s" % (torch.__version__, threads, "" if threads == 1 else "s", build_info())}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["op"] == "quit": return
            if req["op"] == "setup":
                fn = FACTORIES[req["id"]](); ready[req["id"]] = fn
                out = warm_up(fn, req["sampleMs"])
            else:
                out = {"ms": timed(ready[req["id"]], req["calls"])}
                if req["id"] == "W8": out["stats"] = {"peakRssMB": peak_rss_mb()}
        except Exception as e:  # noqa: BLE001
            out = {"error": str(e).split("\n")[0]}
        print(json.dumps(out), flush=True)


main()
