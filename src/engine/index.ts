// The engine's one import path: everything outside src/engine imports from here.
export { Matrix, ShapeError, formatShape, broadcastShape, add, sub, mul, scale, map, transpose, sum, sumAll, argmax, columns } from './matrix.ts';
export type { Shape } from './matrix.ts';
export { matmul, matmulTransA, matmulTransB } from './matmul.ts';
export { matmulNested, matmulFlat, matmulFlatIKJ } from './reference-matmul.ts';
/** The loops under matmul on flat Float32Arrays (what a faster kernel must agree with). */
export * as kernels from './kernels.ts';
export { createRng } from './random.ts';
export type { Rng } from './random.ts';
export { initialisers, initWeights } from './init.ts';
export type { InitName } from './init.ts';
export { sigmoid, tanh, relu, identity, leakyRelu, activation, scalar } from './activations.ts';
export type { Activation, ActivationName } from './activations.ts';
export { softmax, softmaxUnstable } from './softmax.ts';
export {
  crossEntropy,
  crossEntropyFromLogits,
  softmaxCrossEntropyGrad,
  binaryCrossEntropy,
  binaryCrossEntropyFromLogits,
  sigmoidBinaryCrossEntropyGrad,
  mse,
  mseGrad,
} from './loss.ts';
export { oneHot, fromOneHot, accuracy, predict, confusionMatrix } from './metrics.ts';
export { MLP } from './network.ts';
export { layerShapes, rowsOf, convOut, isImage } from './cnn-config.ts';
export type { CNNConfig, LayerSpec, LayerShape, ImageShape } from './cnn-config.ts';
export { correlate2d, rotate180, im2col, col2im, convForward, convBackward, convParameterGradients, convInputGradient, convOutput } from './conv.ts';
export type { ConvGeometry } from './conv.ts';
export { maxPoolForward, maxPoolBackward } from './pool.ts';
export type { PoolResult } from './pool.ts';
export { CNN } from './cnn.ts';
export type { CNNCache, CNNJSON } from './cnn.ts';
export { kindOf, classesOf, forwardPass, copyParameters } from './networks.ts';
export type { Network, NetworkKind, Pass } from './networks.ts';
export type { MLPConfig, ForwardCache, Gradients, NetworkJSON } from './network.ts';
export { train, evaluate, DivergenceError } from './train.ts';
export type { TrainOptions, TrainData, Progress, EpochRecord, TrainResult, StepReport } from './train.ts';
export { referenceStep, chooseStepper, STEP_OPTIONS } from './step.ts';
export type { Dataset, Stepper, StepRun, StepPlan, StepOption, BatchResult } from './step.ts';
export { createOptimizer, OPTIMIZER_DEFAULTS } from './optimizers.ts';
export type { Optimizer, OptimizerOptions, OptimizerName } from './optimizers.ts';
export { l2Penalty, decayGradients } from './weight-decay.ts';
export { dropoutMasks } from './dropout.ts';
export { transformImage, randomTransform, augmentDataset } from './augment.ts';
export type { Transform, AugmentOptions } from './augment.ts';
export { numericalGradient, relativeError, checkGradients, GRADIENT_TOLERANCE } from './gradcheck.ts';
export { layerStats, histogram, deadUnits } from './diagnostics.ts';
export type { LayerStats, Histogram } from './diagnostics.ts';
export { toyLosses1D, toyLosses2D, bowl, twoDips, narrowValley, saddle, descentStep1D, descentStep2D } from './toy-losses.ts';
export { optimizerPath2D, stepsToReach } from './toy-race.ts';
export type { ToyLoss1D, ToyLoss2D, LearningRatePresets } from './toy-losses.ts';
