# Tensor Lens example: a Korean tutorial on PyTorch's nn.Conv2d ("pytorch - Conv2D, CNN") retold as one runnable file.
# Shows: an image and 3x3 kernels to convolve (select a literal, then "Tensor Lens: Convolve Selection"),
# hovers on tensor literals and nn.Conv2d(...) calls, and a small CNN (Conv2d(1, 10, 5, 1) -> ReLU ->
# Linear(360, 10), Adam lr=0.01, 100 epochs) that learns ten-by-ten drawings of "1" and "2" and that
# the Training view can train from this file. Run it with PyTorch to compare: python3 conv2d_intro.py
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

# A 5x5 image of ones, laid out as (batch=1, channel=1, height=5, width=5).
image_tensor = torch.tensor([
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
], dtype=torch.float32).view(1, 1, 5, 5)

# The kernel (filter) slides over the image; each output cell is the sum of element-wise products.
kernel_tensor = torch.tensor([
    [1, 0, 0],
    [0, -1, 0],
    [0, 0, 1],
], dtype=torch.float32)

# A 3x3 kernel with stride 1; we replace its random weight by our kernel and its bias by zero.
conv = nn.Conv2d(1, 1, 3, 1)
conv.weight = nn.Parameter(kernel_tensor.view(1, 1, 3, 3))
conv.bias = nn.Parameter(torch.tensor([0.0]))
print(conv(image_tensor))  # 1x1x3x3 of ones: 1*1 + 1*0 + 1*0 + 1*0 + 1*(-1) + 1*0 + 1*0 + 1*0 + 1*1 = 1

# Patterns: a kernel answers strongly where the image looks like it.
diagonal_image = torch.tensor([
    [1, 0, 0, 0, 0],
    [0, 1, 0, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 0, 1, 0],
    [0, 0, 0, 0, 1],
], dtype=torch.float32)

diagonal_kernel = torch.tensor([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
], dtype=torch.float32)

horizontal_kernel = torch.tensor([
    [0, 0, 0],
    [1, 1, 1],
    [0, 0, 0],
], dtype=torch.float32)

circle_image = torch.tensor([
    [0, 0.1, 0.1, 0.1, 0],
    [0.1, 0, 0, 0, 0.1],
    [0.1, 0, 0, 0, 0.1],
    [0.1, 0, 0, 0, 0.1],
    [0, 0.1, 0.1, 0.1, 0],
], dtype=torch.float32)

circle_kernel = torch.tensor([
    [0, 1, 0],
    [1, 0, 1],
    [0, 1, 0],
], dtype=torch.float32)

print(F.conv2d(diagonal_image.view(1, 1, 5, 5), diagonal_kernel.view(1, 1, 3, 3)))    # 3 on the diagonal
print(F.conv2d(diagonal_image.view(1, 1, 5, 5), horizontal_kernel.view(1, 1, 3, 3)))  # weak, spread out
print(F.conv2d(circle_image.view(1, 1, 5, 5), circle_kernel.view(1, 1, 3, 3)))        # strongest at the corners

# Padding: a 4x4 image is too small for a 5x5 kernel ...
data = torch.tensor([
    [1, 1, 1, 1],
    [1, 1, 1, 1],
    [1, 1, 1, 1],
    [1, 1, 1, 1]
], dtype=torch.float32).view(1, 1, 4, 4)

too_big = nn.Conv2d(1, 1, 5, 1)
try:
    too_big(data)
except RuntimeError as error:
    print(error)  # Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). ...

# ... until one ring of zeros around it makes it 6x6.
padded = nn.Conv2d(1, 1, 5, 1, padding=1, padding_mode='zeros', bias=False)
print(padded(data).shape)  # torch.Size([1, 1, 2, 2])

# Training data: four drawings of "1" (a vertical stroke) and one of "2", each 10x10.
one_image_1 = torch.tensor([
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
], dtype=torch.float32)
one_image_2 = torch.tensor([
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
], dtype=torch.float32)
one_image_3 = torch.tensor([
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
], dtype=torch.float32)
one_image_4 = torch.tensor([
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
], dtype=torch.float32)
two_image_1 = torch.tensor([
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
], dtype=torch.float32)


# Ten 5x5 kernels turn a 10x10 image into ten 6x6 feature maps: 10 * 6 * 6 = 360 numbers for the classifier.
class CNN(nn.Module):
    def __init__(self):
        super(CNN, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, 5, 1)
        self.relu = nn.ReLU()
        self.linear = nn.Linear(10 * 6 * 6, 10)

    def forward(self, x):
        image_tensor = x.view(1, 1, 10, 10)
        output = self.relu(self.conv1(image_tensor))
        return self.linear(output.view(1, -1))


model = CNN()
optimizer = optim.Adam(model.parameters(), lr=0.01)
loss_function = nn.CrossEntropyLoss()

# One-hot targets: class 1 for the "1" drawings, class 2 for the "2".
label_one = torch.tensor([0, 1, 0, 0, 0, 0, 0, 0, 0, 0], dtype=torch.float32).view(1, 10)
label_two = torch.tensor([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=torch.float32).view(1, 10)

for epoch in range(100):
    for image, label_tensor in [(one_image_1, label_one), (one_image_2, label_one), (one_image_3, label_one),
                                (one_image_4, label_one), (two_image_1, label_two)]:
        model.train()
        output = model(image)
        optimizer.zero_grad()
        loss = loss_function(output, label_tensor)
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch + 1}: last loss {loss.item():.6f}")

for name, image in [("one_image_1", one_image_1), ("one_image_2", one_image_2), ("one_image_3", one_image_3),
                    ("one_image_4", one_image_4), ("two_image_1", two_image_1)]:
    print(f"{name} : {torch.argmax(model(image))}")  # 1, 1, 1, 1, 2
