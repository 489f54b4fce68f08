// Benchmark of the literal parser: a 1,000×1,000 JSON literal, literalAt / literalsInDocument on a 10,000-line file, deep nesting.
import { readFileSync } from 'node:fs';
import { literalAt, literalsInDocument, parseLiteral } from '../src/core/literals/index';

function time<T>(body: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = body();
  return { ms: performance.now() - t0, result };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// 1M numbers with decimals and signs, ~8 MB of text (the issue's ~4 MB is the short-number case).
const rows: string[] = [];
for (let i = 0; i < 1000; i++) {
  const row: string[] = [];
  for (let j = 0; j < 1000; j++) row.push((((i * 7919 + j * 104729) % 20001) / 1000 - 10).toFixed(3));
  rows.push(`[${row.join(', ')}]`);
}
const json = `[${rows.join(',\n')}]`;
const jsonRuns = [0, 1, 2].map(() => time(() => parseLiteral(json, { language: 'json' })));
const parsed = jsonRuns[0].result;
if (parsed.kind !== 'tensor' || parsed.shape.join('x') !== '1000x1000') throw new Error('benchmark literal did not parse');

// A 10,000-line Python file: the tutorial example repeated; hover near the end.
const example = readFileSync(new URL('../examples/conv2d_intro.py', import.meta.url), 'utf8');
let doc = '';
while (doc.split('\n').length < 10000) doc += example + '\n';
const lines = doc.split('\n').length;
const hoverAt = doc.lastIndexOf('one_image_3 = ') + 200;
const atRuns = Array.from({ length: 20 }, (_, k) => time(() => literalAt(doc, hoverAt - k)));
const missRuns = Array.from({ length: 20 }, (_, k) => time(() => literalAt(doc, doc.lastIndexOf('optimizer') + k)));
if (atRuns[0].result?.kind !== 'tensor') throw new Error('literalAt found nothing');
const docRuns = [0, 1, 2].map(() => time(() => literalsInDocument(doc)));

const f = (ms: number): string => `${ms.toFixed(1)} ms`;
console.log(
  `JSON 1000×1000 (${(json.length / 1e6).toFixed(1)} MB): first ${f(jsonRuns[0].ms)}, best ${f(Math.min(...jsonRuns.map((r) => r.ms)))}  (target < 1000 ms)`,
);
console.log(
  `literalAt on ${lines} lines: first ${f(atRuns[0].ms)}, median ${f(median(atRuns.map((r) => r.ms)))}, ` +
    `max ${f(Math.max(...atRuns.map((r) => r.ms)))}; off-literal median ${f(median(missRuns.map((r) => r.ms)))}  (target < 20 ms)`,
);
console.log(
  `literalsInDocument on ${lines} lines: ${docRuns[0].result.length} literals, first ${f(docRuns[0].ms)}, best ${f(Math.min(...docRuns.map((r) => r.ms)))}`,
);

// Pathological nesting (50,000 levels): a clear error, never a super-linear scan (moved here from errors.test.ts).
const deep = `x = torch.tensor(${'['.repeat(50000)}1${']'.repeat(50000)})`;
const deepRuns = [0, 1, 2].map(() => time(() => [parseLiteral(deep), literalAt(deep, 30000), literalsInDocument(deep)]));
console.log(
  `50,000-deep nesting (parse, literalAt, literalsInDocument): best ${f(Math.min(...deepRuns.map((r) => r.ms)))}  (target < 500 ms)`,
);
