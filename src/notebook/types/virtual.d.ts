declare module 'virtual:cell-types' {
  /** path → text: the type checker's generated environment (see declarations.ts). */
  const environment: Record<string, string>;
  export default environment;
}
