// The Python helper Tensor Lens injects into a paused debuggee or a notebook kernel (its own module in sys.modules, never the
// user's globals), as source text.
// It imports no heavy library itself: an object can only be a torch.Tensor if the program already imported torch.

/** Bumped whenever the source changes, so a session holding an older helper gets the new one. */
export const HELPER_VERSION = 2;
export const HELPER_MODULE = '_tensor_lens_helper';

export const HELPER_SOURCE = String.raw`
import sys, json, math, base64, array

V = ${HELPER_VERSION}


def _mods():
    return sys.modules.get('torch'), sys.modules.get('numpy'), sys.modules.get('PIL.Image')


def _err(msg):
    return json.dumps({'error': msg})


def _kind(x):
    torch, np, pil = _mods()
    if torch is not None and isinstance(x, torch.Tensor):
        return 'torch.nn.Parameter' if isinstance(x, torch.nn.Parameter) else 'torch.Tensor'
    if np is not None and isinstance(x, np.ndarray):
        return 'numpy.ndarray'
    if pil is not None and isinstance(x, pil.Image):
        return 'PIL.Image'
    if isinstance(x, (list, tuple)) and len(x) > 0:
        return 'list'
    return None


def _prepare(x):
    """(kind, dtype, device, values, shape): values stay in their own dtype and device (a detached tensor, an array),
    so that only the slice asked for is ever converted to float32 and moved to the CPU."""
    torch, np, pil = _mods()
    kind = _kind(x)
    if kind is None:
        return None
    if kind.startswith('torch'):
        t = x.detach()
        dtype = str(t.dtype).replace('torch.', '')
        device = str(t.device)
        if t.is_complex():
            raise ValueError('complex tensors are not supported (' + dtype + ')')
        if t.layout != torch.strided:
            t = t.to_dense()
        if t.is_quantized:
            t = t.dequantize()
        return kind, dtype, device, t, list(t.shape)
    if kind == 'numpy.ndarray':
        if x.dtype.kind not in 'biuf':
            raise ValueError('numpy arrays of dtype ' + str(x.dtype) + ' are not supported')
        return kind, str(x.dtype), 'cpu', x, list(x.shape)
    if kind == 'PIL.Image':
        mode = x.mode
        a = np.asarray(x.convert('F') if mode in ('I', 'I;16', 'F') else x)
        a = a.astype(np.float32)
        if a.ndim == 3:
            a = a.transpose(2, 0, 1)
        return kind, 'PIL ' + mode, 'cpu', np.ascontiguousarray(a), list(a.shape)
    if torch is not None:
        t = torch.tensor(x, dtype=torch.float32)
        return kind, 'float32', 'cpu', t, list(t.shape)
    if np is not None:
        a = np.asarray(x, dtype=np.float32)
        return kind, 'float32', 'cpu', a, list(a.shape)
    flat, shape = [], []
    def walk(v, d):
        if isinstance(v, (list, tuple)):
            if len(shape) <= d:
                shape.append(len(v))
            elif shape[d] != len(v):
                raise ValueError('ragged nested list')
            for e in v:
                walk(e, d + 1)
        elif isinstance(v, (int, float, bool)):
            if d != len(shape):
                raise ValueError('ragged nested list')
            flat.append(float(v))
        else:
            raise ValueError('nested list holds ' + type(v).__name__)
    walk(x, 0)
    return kind, 'float32', 'cpu', array.array('f', flat), shape


def _num(v):
    v = float(v)
    return v if math.isfinite(v) else None


def _stats(a):
    """min/max/mean over the finite values and the NaN/±Inf counts, computed where the values live (GPU stays GPU)."""
    torch, np, pil = _mods()
    if torch is not None and isinstance(a, torch.Tensor):
        if a.dtype == torch.bool:
            a = a.to(torch.uint8)
        f = a.reshape(-1)
        nan = pinf = ninf = 0
        if a.is_floating_point():
            nan = int(torch.isnan(a).sum())
            pinf = int(torch.isposinf(a).sum())
            ninf = int(torch.isneginf(a).sum())
            if nan + pinf + ninf:
                f = a[torch.isfinite(a)]
        if f.numel() == 0:
            return {'nan': nan, 'posInf': pinf, 'negInf': ninf}
        return {'min': _num(f.min()), 'max': _num(f.max()), 'mean': _num(f.sum(dtype=torch.float64) / f.numel()),
                'nan': nan, 'posInf': pinf, 'negInf': ninf}
    if np is not None and isinstance(a, np.ndarray):
        if a.dtype.kind == 'b':
            a = a.astype(np.uint8)
        f = a.reshape(-1)
        nan = pinf = ninf = 0
        if a.dtype.kind == 'f':
            nan = int(np.isnan(a).sum())
            pinf = int((a == np.inf).sum())
            ninf = int((a == -np.inf).sum())
            if nan + pinf + ninf:
                f = a[np.isfinite(a)]
        if f.size == 0:
            return {'nan': nan, 'posInf': pinf, 'negInf': ninf}
        return {'min': _num(f.min()), 'max': _num(f.max()), 'mean': _num(f.astype(np.float64).mean()),
                'nan': nan, 'posInf': pinf, 'negInf': ninf}
    f = [v for v in a if math.isfinite(v)]
    out = {'nan': sum(1 for v in a if v != v), 'posInf': sum(1 for v in a if v == math.inf),
           'negInf': sum(1 for v in a if v == -math.inf)}
    if f:
        out.update(min=min(f), max=max(f), mean=math.fsum(f) / len(f))
    return out


def _describe(x, with_stats=True):
    c = _prepare(x)
    if c is None:
        return None
    kind, dtype, device, a, shape = c
    numel = 1
    for d in shape:
        numel *= d
    m = {'kind': kind, 'dtype': dtype, 'device': device, 'shape': shape, 'numel': numel}
    if kind.startswith('torch'):
        m['requiresGrad'] = bool(x.requires_grad)
    if with_stats:
        m['stats'] = _stats(a)
    return m, a


def meta(x):
    try:
        d = _describe(x)
        if d is None:
            return _err('not a tensor: ' + type(x).__module__ + '.' + type(x).__qualname__)
        return json.dumps(d[0])
    except Exception as e:
        return _err(type(e).__name__ + ': ' + str(e))


def _b64(a, index, start, count):
    """a[index] (a prefix of indices; start/count in the flat values) as base64 little-endian float32: sliced first,
    then converted and moved to the CPU."""
    torch, np, pil = _mods()
    if torch is not None and isinstance(a, torch.Tensor):
        part = a[tuple(index)] if index else a
        a = part.reshape(-1).to('cpu', torch.float32).numpy()
    elif np is not None and isinstance(a, np.ndarray):
        part = a[tuple(index)] if index else a
        a = part.reshape(-1)
    else:
        a = a[start:start + count]
        if sys.byteorder != 'little':
            a = array.array('f', a)
            a.byteswap()
        return base64.b64encode(a.tobytes()).decode('ascii')
    return base64.b64encode(np.ascontiguousarray(a, dtype='<f4').tobytes()).decode('ascii')


def data(x, index, limit):
    """Metadata line, then the float32 values of x[index] (a prefix of indices) as base64."""
    try:
        d = _describe(x, False)
        if d is None:
            return _err('not a tensor: ' + type(x).__module__ + '.' + type(x).__qualname__)
        m, a = d
        shape = m['shape']
        if len(index) > len(shape):
            return _err('index ' + str(index) + ' has more dimensions than shape ' + str(shape))
        start = 0
        stride = m['numel']
        for i, k in enumerate(index):
            if not 0 <= k < shape[i]:
                return _err('index ' + str(k) + ' is out of range for dimension ' + str(i) + ' of size ' + str(shape[i]))
            stride //= shape[i]
            start += k * stride
        if stride > limit:
            return _err('too big: ' + str(stride) + ' elements; the limit is ' + str(limit) + ' (tensorLens.debug.maxFetchElements)')
        m['index'] = list(index)
        return json.dumps(m) + '\n' + _b64(a, index, start, stride)
    except Exception as e:
        return _err(type(e).__name__ + ': ' + str(e))


def _conv_args(m):
    torch = sys.modules.get('torch')
    if torch is None or not isinstance(m, torch.nn.Conv2d):
        return None
    pad = m.padding if isinstance(m.padding, str) else list(m.padding)
    return {'inChannels': m.in_channels, 'outChannels': m.out_channels, 'kernelSize': list(m.kernel_size),
            'stride': list(m.stride), 'padding': pad, 'dilation': list(m.dilation), 'groups': m.groups,
            'paddingMode': m.padding_mode, 'bias': m.bias is not None}


def _frame_locals(scope):
    # debugpy evaluates in a dict merging the frame's globals and locals; its evaluate_expression(…, frame, …) holds
    # the frame itself, so the frame's own locals are read from there (the merged dict is the fallback).
    f = sys._getframe(2)
    while f is not None:
        target = f.f_locals.get('frame') if f.f_code.co_name == 'evaluate_expression' else None
        if target is not None and hasattr(target, 'f_locals'):
            return target.f_locals
        f = f.f_back
    return scope


def list_tensors(scope, limit=200):
    """The tensor-like values of a frame's locals, and the parameters of self when it is an nn.Module."""
    out = []
    scope = _frame_locals(scope)
    torch = sys.modules.get('torch')
    for name, v in list(scope.items()):
        if len(out) >= limit:
            break
        if name.startswith('__'):
            continue
        try:
            if torch is not None and isinstance(v, torch.nn.Module):
                conv = _conv_args(v)
                if conv is not None:
                    out.append({'name': name, 'expr': name, 'module': 'Conv2d', 'conv': conv})
                continue
            if _kind(v) is None or _kind(v) == 'list':
                continue
            out.append({'name': name, 'expr': name, 'meta': _describe(v)[0]})
        except Exception as e:
            out.append({'name': name, 'expr': name, 'error': type(e).__name__ + ': ' + str(e)})
    s = scope.get('self')
    if torch is not None and isinstance(s, torch.nn.Module):
        for name, mod in s.named_modules():
            if len(out) >= limit:
                break
            conv = _conv_args(mod) if name else None
            if conv is not None:
                out.append({'name': 'self.' + name, 'expr': 'self.' + name, 'module': 'Conv2d', 'conv': conv})
        for name, p in s.named_parameters():
            if len(out) >= limit:
                break
            try:
                out.append({'name': 'self.' + name, 'expr': 'self.' + name, 'meta': _describe(p)[0]})
            except Exception as e:
                out.append({'name': 'self.' + name, 'expr': 'self.' + name, 'error': type(e).__name__ + ': ' + str(e)})
    return json.dumps(out)


def _path_expr(root, path, model, getter):
    """'model.features[0].weight' for PyTorch's name 'features.0.weight'; model.get_parameter('…') when a part is neither."""
    torch = sys.modules.get('torch')
    expr, m = root, model
    for part in path.split('.'):
        if part.isidentifier():
            expr += '.' + part
        elif part.isdigit() and isinstance(m, (torch.nn.Sequential, torch.nn.ModuleList)):
            expr += '[' + part + ']'
        else:
            return root + '.' + getter + '(' + repr(path) + ')'
        m = m._modules.get(part) if isinstance(m, torch.nn.Module) else None
    return expr


def list_globals(scope, limit=500):
    """A kernel's tensor-like globals, and each nn.Module global with its Conv2d layers and parameters (parent = module)."""
    out = []
    torch = sys.modules.get('torch')
    for name, v in list(scope.items()):
        if len(out) >= limit:
            break
        if name.startswith('_') or name in ('In', 'Out'):
            continue
        try:
            if torch is not None and isinstance(v, torch.nn.Module):
                params = list(v.named_parameters())
                row = {'name': name, 'expr': name, 'moduleClass': type(v).__name__, 'parameters': len(params)}
                conv = _conv_args(v)
                if conv is not None:
                    row.update(module='Conv2d', conv=conv)
                out.append(row)
                for sub, mod in v.named_modules():
                    c = _conv_args(mod) if sub else None
                    if c is not None and len(out) < limit:
                        out.append({'name': sub, 'expr': _path_expr(name, sub, v, 'get_submodule'), 'parent': name,
                                    'module': 'Conv2d', 'conv': c})
                for pname, p in params:
                    if len(out) >= limit:
                        break
                    out.append({'name': pname, 'expr': _path_expr(name, pname, v, 'get_parameter'), 'parent': name,
                                'meta': _describe(p)[0]})
                continue
            kind = _kind(v)
            if kind is None or kind == 'list':
                continue
            out.append({'name': name, 'expr': name, 'meta': _describe(v)[0]})
        except Exception as e:
            out.append({'name': name, 'expr': name, 'error': type(e).__name__ + ': ' + str(e)})
    return json.dumps(out)


def conv_layer(m, x, limit):
    """A Conv2d's arguments, and PyTorch's own output for input x (no hooks run, nothing recorded)."""
    try:
        torch = sys.modules.get('torch')
        conv = _conv_args(m)
        if conv is None:
            return _err('not an nn.Conv2d: ' + type(m).__module__ + '.' + type(m).__qualname__)
        if not isinstance(x, torch.Tensor):
            return _err('the input is not a tensor: ' + type(x).__qualname__)
        with torch.no_grad():
            y = m._conv_forward(x, m.weight, m.bias)
        d = _describe(y, False)
        if d[0]['numel'] > limit:
            return _err('too big: the output has ' + str(d[0]['numel']) + ' elements; the limit is ' + str(limit))
        return json.dumps({'conv': conv, 'output': d[0]}) + '\n' + _b64(d[1], [], 0, d[0]['numel'])
    except Exception as e:
        return _err(type(e).__name__ + ': ' + str(e))
`;
