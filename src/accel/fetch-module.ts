/**
 * A compiled module from `url`: compiled while downloading where the server says
 * application/wasm, else from the fetched bytes.
 */
export async function fetchModule(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}
