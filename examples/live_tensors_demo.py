# Live tensors demo: debug this file (Run and Debug → "Debug live_tensors_demo.py"), stop at a breakpoint, then
# hover `x` or `feature`, open the Tensors view (Tensor Lens sidebar), or right-click self.conv1 → Explain This Layer.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 8, 5, stride=2)

    def forward(self, x):
        feature = F.relu(self.conv1(x))  # breakpoint here: hover x, explain self.conv1
        out = self.conv2(feature)
        return out


# A picture-like batch: a bright diagonal stripe on a dark background, three channels.
rows = torch.arange(48.0).reshape(48, 1)
cols = torch.arange(40.0).reshape(1, 40)
stripe = torch.exp(-((rows - cols) ** 2) / 20.0)
batch = torch.stack([stripe, stripe.flip(1), stripe * 0.5]).unsqueeze(0).repeat(2, 1, 1, 1)
activation = torch.randn(1, 64, 112, 112)
half = batch.half()
weird = torch.tensor([[float("nan"), 1.0], [float("inf"), -2.0]])

model = SmallCNN()
out = model(batch)  # breakpoint here too: the Tensors view lists every tensor above
print("output", tuple(out.shape))
