// The WebAssembly module's exports: see matmul.ts.
export { heapBase, matmul, matmulTransA, matmulTransB } from "./matmul";
