// The cells' type checker in a worker: TypeScript 5 and the generated declarations load here, when
// a reader first edits a cell, never with the page.
import ts from 'ts5';
import environment from 'virtual:cell-types';
import { CellTypeService } from './service.ts';
import type { TypesRequest, TypesResponse } from './protocol.ts';

const service = new CellTypeService(ts, environment);

function answer(request: TypesRequest): unknown {
  service.setCells(request.cells);
  switch (request.kind) {
    case 'diagnostics':
      return service.diagnostics(request.cell);
    case 'completions':
      return service.completions(request.cell, request.pos);
    case 'details':
      return service.details(request.cell, request.pos, request.name);
    case 'hover':
      return service.hover(request.cell, request.pos);
  }
}

self.onmessage = (event: MessageEvent<TypesRequest>) => {
  const request = event.data;
  let response: TypesResponse;
  try {
    response = { id: request.id, result: answer(request) };
  } catch (error) {
    response = { id: request.id, error: String((error as Error)?.message ?? error) };
  }
  self.postMessage(response);
};
