// Python-exact number formatting ('{:.4f}', '{:.4e}', round-half-even) and the shortest float32 round-trip string.

/** Python's '{:.pf}'.format(v): fixed notation, ties rounded to even on the exact binary value. */
export function pyFixed(v: number, p: number): string {
  if (!Number.isFinite(v)) return pyNonFinite(v);
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const a = Math.abs(v);
  let s = a.toFixed(p);
  // JS rounds ties away from zero; Python rounds them to even. A tie is only possible when the value is exact at p+1 digits.
  const longer = a.toFixed(p + 1);
  if (longer.endsWith('5') && isExactly(longer, a)) s = roundHalfEven(longer);
  return sign + s;
}

/** Python's '{:.pe}'.format(v): 1.0000e-05 (at least two exponent digits), ties to even. */
export function pyExp(v: number, p: number): string {
  if (!Number.isFinite(v)) return pyNonFinite(v);
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const a = Math.abs(v);
  let s = a.toExponential(p);
  const longer = a.toExponential(p + 1);
  const [mant, exp] = longer.split('e');
  if (mant.endsWith('5') && isExactly(longer, a)) {
    const rounded = roundHalfEven(mant);
    // 9.99995 rounding up to 10.0000 shifts the exponent, exactly as toExponential(p) already did.
    s = rounded.startsWith('10') ? a.toExponential(p) : `${rounded}e${exp}`;
  }
  const [m, e] = s.split('e');
  const n = Number(e);
  return `${sign}${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** The shortest decimal that reads back (through Math.fround) as the same float32 value. */
export function shortestFloat32(v: number): string {
  if (!Number.isFinite(v)) return pyNonFinite(v);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(f);
}

function pyNonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

/** True when the decimal string is exactly the binary value a (not just its nearest double). */
function isExactly(decimal: string, a: number): boolean {
  if (Number(decimal) !== a) return false;
  return exactDecimal(a) === normaliseDecimal(decimal);
}

/** Drops the last digit of a decimal string ending in 5, rounding the rest half to even. */
function roundHalfEven(s: string): string {
  const body = s.slice(0, -1);
  const digits = body.replace('.', '');
  const last = Number(digits[digits.length - 1]);
  if (last % 2 === 0) return body.endsWith('.') ? body.slice(0, -1) : body;
  const up = (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
  const point = body.indexOf('.');
  if (point < 0) return up;
  const intLen = up.length - (body.length - point - 1);
  const r = `${up.slice(0, intLen)}.${up.slice(intLen)}`;
  return r.endsWith('.') ? r.slice(0, -1) : r;
}

/** Exact decimal expansion of a finite non-negative double, as "int.frac" without trailing zeros. */
function exactDecimal(a: number): string {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (e2 >= 0) return (mant << BigInt(e2)).toString();
  const k = -e2;
  const scaled = (mant * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  return normaliseDecimal(`${scaled.slice(0, scaled.length - k)}.${scaled.slice(scaled.length - k)}`);
}

/** "001.2500" → "1.25", "1e-5" → "0.00001"; for comparing decimal strings. */
function normaliseDecimal(s: string): string {
  let t = s;
  if (/e/i.test(t)) {
    const [m, e] = t.toLowerCase().split('e');
    const exp = Number(e);
    const [ip, fp = ''] = m.split('.');
    const digits = ip + fp;
    let point = ip.length + exp;
    let d = digits;
    if (point <= 0) {
      d = '0'.repeat(1 - point) + d;
      point = 1;
    }
    if (point > d.length) d = d + '0'.repeat(point - d.length);
    t = `${d.slice(0, point)}.${d.slice(point)}`;
  }
  let [ip, fp = ''] = t.split('.');
  ip = ip.replace(/^0+(?=\d)/, '');
  fp = fp.replace(/0+$/, '');
  return fp ? `${ip}.${fp}` : ip;
}
