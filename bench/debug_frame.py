# A paused frame for bench/debug.ts: 30 tensor locals, one a 1×64×112×112 activation.
import torch

torch.manual_seed(0)


def frame():
    activation = torch.randn(1, 64, 112, 112)
    small = torch.randn(2, 3, 48, 40)
    t00, t01, t02, t03, t04, t05, t06, t07, t08, t09 = [torch.randn(8, 16, 16) for _ in range(10)]
    t10, t11, t12, t13, t14, t15, t16, t17, t18, t19 = [torch.randn(3, 32, 32) for _ in range(10)]
    t20, t21, t22, t23, t24, t25, t26, t27 = [torch.randn(64, 3, 3, 3) for _ in range(8)]
    return activation  # STOP


frame()
