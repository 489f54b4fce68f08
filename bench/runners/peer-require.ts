// Loads the bench's peers (tfjs, onnxruntime-node) from bench/node_modules, where bench/peers.ts installs them. The
// runners run as bundles in out/bench/, so bench/package.json is two folders up and across.
import { createRequire } from 'node:module';
import * as path from 'node:path';

export const requirePeer = createRequire(path.resolve(__dirname, '..', '..', 'bench', 'package.json'));
