// `import environment from 'virtual:cell-types'`: the checker's files (declarations.ts), generated
// when the site is built, so the editor always checks against the engine as it is.
import { cellEnvironment } from './declarations.ts';

const ID = 'virtual:cell-types';

export function cellTypes(root: string) {
  return {
    name: 'cell-types',
    resolveId: (id: string) => (id === ID ? `\0${ID}` : undefined),
    load: (id: string) => (id === `\0${ID}` ? `export default ${JSON.stringify(cellEnvironment(root))};` : undefined),
  };
}
