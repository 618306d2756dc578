// The JavaScript side of the WebAssembly SIMD matrix products (sources in ./assembly/matmul.ts,
// compiled by `npm run wasm` into ./build/kernels.wasm), with the signatures of the engine's
// readable loops (src/engine/kernels.ts); chapter 3's race runs both. The module only sees numbers,
// so this file lays the matrices out in its memory, calls the kernel and copies the result back.
// Memory is grown before the views are made: growing WebAssembly memory detaches every view on it.

type Product = (a: Float32Array, b: Float32Array, c: Float32Array, d0: number, d1: number, d2: number) => void;

/** The three matrix products on flat row-major Float32Arrays. */
export interface Kernels {
  /** C (n, m) = A (n, k)·B (k, m): arguments (a, b, c, n, k, m). */
  matmul: Product;
  /** C (n, m) = Aᵀ·B for A (k, n): arguments (a, b, c, k, n, m). */
  matmulTransA: Product;
  /** C (n, m) = A·Bᵀ for B (m, k): arguments (a, b, c, n, k, m). */
  matmulTransB: Product;
}

/** The compiled module's exports (see ./assembly/index.ts). */
export interface WasmExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(a: number, b: number, c: number, n: number, k: number, m: number, scratch: number): void;
  matmulTransA(a: number, b: number, c: number, k: number, n: number, m: number): void;
  matmulTransB(a: number, b: number, c: number, n: number, k: number, m: number, scratch: number): void;
}

const PAGE = 65536;

/** Byte offsets of consecutive f32 buffers of the given lengths, 16-byte aligned, from `base`. */
function layout(base: number, lengths: number[]): number[] {
  const offsets: number[] = [];
  let at = base;
  for (const length of lengths) {
    offsets.push(at);
    at += Math.ceil((length * 4) / 16) * 16;
  }
  offsets.push(at);
  return offsets;
}

/** Makes sure the module's memory reaches `end` bytes. */
function ensureMemory(memory: WebAssembly.Memory, end: number): void {
  const have = memory.buffer.byteLength;
  if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
}

/** The three products running in WebAssembly, from an instance of kernels.wasm. */
export function wasmKernels({ exports }: Compiled): Kernels {
  const { memory } = exports;
  const base = exports.heapBase();
  const f32 = (offset: number, length: number) => new Float32Array(memory.buffer, offset, length);

  /** Copies a and b in, runs `kernel(offsets)`, copies c (length cLength) out. */
  function call(a: Float32Array, b: Float32Array, c: Float32Array, scratch: number, kernel: (pa: number, pb: number, pc: number, ps: number) => void): void {
    const [pa, pb, pc, ps, end] = layout(base, [a.length, b.length, c.length, scratch]);
    ensureMemory(memory, end);
    f32(pa, a.length).set(a);
    f32(pb, b.length).set(b);
    kernel(pa, pb, pc, ps);
    c.set(f32(pc, c.length));
  }

  return {
    matmul(a, b, c, n, k, m) {
      call(a, b, c, k * m + k * n + m * n + 2 * k, (pa, pb, pc, ps) => exports.matmul(pa, pb, pc, n, k, m, ps));
    },
    matmulTransA(a, b, c, k, n, m) {
      call(a, b, c, 0, (pa, pb, pc) => exports.matmulTransA(pa, pb, pc, k, n, m));
    },
    matmulTransB(a, b, c, n, k, m) {
      call(a, b, c, k * m + k * n + m * n + 2 * k, (pa, pb, pc, ps) => exports.matmulTransB(pa, pb, pc, n, k, m, ps));
    },
  };
}

export interface Compiled {
  module: WebAssembly.Module;
  exports: WasmExports;
}

/** Compiles and instantiates the module from its bytes, synchronously (Node, or a worker). */
export function instantiateSync(bytes: BufferSource): Compiled {
  const module = new WebAssembly.Module(bytes);
  return { module, exports: new WebAssembly.Instance(module, {}).exports as unknown as WasmExports };
}
