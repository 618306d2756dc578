// A Node worker thread that runs the fused step's helper thread (./step-helper.ts) for each
// training run it is sent.
import { parentPort } from 'node:worker_threads';
import { runHelper } from './step-helper.ts';

parentPort!.on('message', ({ module, memory, setupArgs }) => runHelper(module, memory, setupArgs));
