// The WebAssembly module's exports: the three matrix products (matmul.ts) and the fused
// minibatch training step with its forward pass alone, for measuring (step.ts).
export { heapBase, matmul, matmulTransA, matmulTransB } from "./matmul";
export {
  setup, arrange, trainStep, lossStep, lastCorrect,
  partStart, ptrW1t, ptrB1, ptrW2, ptrB2, ptrOrder, ptrLabels, ptrOffsets, ptrNzPixel, ptrNzValue,
} from "./step";
// The layers of a convolutional network, one call per layer and direction (cnn.ts).
export {
  convForward, convBackward, poolForward, poolBackward, reluMask, denseForward, denseBackward, softmaxLoss, cnnCorrect,
} from "./cnn";
