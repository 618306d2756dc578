// A Node worker thread that runs the fused step's helper thread (./step-helper.ts) for one training run.
import { workerData } from 'node:worker_threads';
import { runHelper } from './step-helper.ts';

runHelper(workerData.module, workerData.memory, workerData.setupArgs);
