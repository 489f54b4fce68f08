# Cuts the Getting Started walkthrough's images out of the README screenshots (media/readme/, from npm run docs:images):
# the part a step talks about at full size, so it stays readable in the walkthrough's narrow media column, with a
# 128-colour palette (the screenshots are flat UI colours) to keep the .vsix small. The README's images reach the
# extension page inlined in the packaged README, so these crops are the only image files the .vsix ships.
# Usage: /usr/bin/python3 scripts/walkthrough-images.py   (after npm run docs:images; review the diff)
import os

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "media", "readme")
DST = os.path.join(ROOT, "media", "walkthrough")

# walkthrough image ← (README screenshot, crop box left, top, right, bottom in the screenshot's pixels)
CROPS = {
    "convolve.png": ("window-2.png", None),
    "hover.png": ("hover.png", (400, 470, 1300, 800)),
    "shapes.png": ("shapes.png", (355, 195, 1160, 680)),
    "train.png": ("training.png", (48, 40, 348, 975)),
    "open-file.png": ("tensor-file-editor.png", (340, 30, 1500, 520)),
    "debug.png": ("live-tensor.png", (346, 35, 1600, 560)),
}

for name, (source, box) in CROPS.items():
    img = Image.open(os.path.join(SRC, source)).convert("RGB")
    if box:
        img = img.crop(box)
    img.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        os.path.join(DST, name), optimize=True
    )
    print(f"media/walkthrough/{name} ← media/readme/{source} {img.size[0]}×{img.size[1]} "
          f"({os.path.getsize(os.path.join(DST, name)) // 1024} KB)")
