// The command line's --help text.

export const HELP = `tensor-lens — Tensor Lens from the command line (no Python or PyTorch needed)

Usage:
  tensor-lens explore MODEL.py --model CLASS [--weights FILE] [--input FILE|SHAPE] [--json OUT] [--npz OUT]
                      [--train] [--seed N] [--resize HxW] [--normalize imagenet|M1,M2,M3/S1,S2,S3] [--gray]
  tensor-lens shapes MODEL.py [--model CLASS] [--input 1x3x224x224] [--json]
  tensor-lens --help

explore   Builds CLASS of MODEL.py, runs forward on one input with Tensor Lens's engine and prints every step
          (each leaf module and each functional call) with its output shape and min/max/mean.
  --model CLASS      the nn.Module class; a call such as 'MnistNet(9200)' passes constructor arguments.
  --weights FILE     a state dict (.pt/.pth/.safetensors/.npz) matched by PyTorch's key names; a mismatch is
                     reported as load_state_dict reports it. Without it: PyTorch's default init, seeded (--seed, 0).
  --input FILE       an image (PNG/JPEG, read as torchvision's ToTensor(): C×H×W, /255, batch dimension added),
                     a tensor file (.npy, or a one-tensor .npz/.pt/.safetensors); or a tensor literal
                     ('torch.arange(36.).view(1, 1, 6, 6) / 10'); or a shape (1x3x224x224) for a seeded torch.rand
                     input. Default: the tensor the file passes to the model, when it is a literal.
  --resize HxW       resize an image first (bilinear, as F.interpolate with align_corners=False).
  --normalize N      subtract mean and divide by std per channel: 'imagenet' or 'M1,M2,M3/S1,S2,S3'.
  --gray             read an image as one gray channel (PIL's convert('L')).
  --train            train mode (BatchNorm uses batch statistics, Dropout is on); eval mode by default.
  --npz OUT          every leaf module's output in the order the modules ran, under 'NNN:module.path', and the
                     model's result under 'output' (numpy.load reads it).
  --json OUT         a summary: every step's kind, name, type, source line, shape, min/max/mean.

shapes    Shape flow as a linter: prints each model's output shape, or PyTorch's exact error at FILE:LINE.
  --model CLASS      only this class (a call such as 'MnistNet(9200)' passes constructor arguments).
  --input SHAPE      the input shape (else a '# input: 1x3x32x32' comment or the tensor the file passes in).
  --json             print the reports as JSON.

Exit codes: 0 ok; 1 the model fails (PyTorch's error, weights that do not fit, code that cannot be followed);
2 bad arguments or an unreadable file.`;
