// Messages between the editor and the type-check worker. Every request carries the page's cells
// (the worker checks again only what changed) and which one is being edited.
import type { CellDiagnostic } from './layout.ts';
import type { CellHover, CompletionList, EntryDetails } from './service.ts';

export type TypesQuery =
  | { kind: 'diagnostics' }
  | { kind: 'completions'; pos: number }
  | { kind: 'details'; pos: number; name: string }
  | { kind: 'hover'; pos: number };

export type TypesRequest = TypesQuery & { id: number; cells: string[]; cell: number };

export interface TypesAnswers {
  diagnostics: CellDiagnostic[];
  completions: CompletionList | null;
  details: EntryDetails | null;
  hover: CellHover | null;
}

export type TypesResponse = { id: number; result: unknown } | { id: number; error: string };
