// The Python file the Getting Started walkthrough opens: a literal to convolve and hover, a layer, and a model for shape flow.
export const WALKTHROUGH_EXAMPLE = `# Tensor Lens example: select a literal and run "Tensor Lens: Convolve Selection", hover a name, read the shapes.
import torch
import torch.nn as nn
import torch.nn.functional as F

# A 5x5 picture of an X: select the literal (or put the cursor inside it) and convolve it.
image = torch.tensor([
    [1, 0, 0, 0, 1],
    [0, 1, 0, 1, 0],
    [0, 0, 1, 0, 0],
    [0, 1, 0, 1, 0],
    [1, 0, 0, 0, 1],
], dtype=torch.float32)

# A diagonal kernel: hover it, or pick it as the panel's kernel.
kernel = torch.tensor([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
], dtype=torch.float32)

# Hover the layer: its arguments, weight shape and the output shape for the image above.
conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
features = conv(image.view(1, 1, 5, 5))


# Shape flow: the shape after each line of forward, and the parameter count on forward's CodeLens.
class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 13 * 13, 10)

    # input: 4x1x28x28
    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.pool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)
`;
