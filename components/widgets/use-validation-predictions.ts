// Loads the validation-set predictions for a widget, and reloads them when the reader saves or picks
// another model (in chapter 11's panel, or in another tab).
import { useEffect, useState } from 'preact/hooks';
import { watchModels } from '../../src/storage/model-store';
import type { ValidationPredictions } from './validation-predictions';

export type PredictionState =
  | { kind: 'loading'; progress: number }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; data: ValidationPredictions };

export function usePredictions(
  load: (onProgress: (fraction: number) => void) => Promise<ValidationPredictions>,
): PredictionState {
  const [state, setState] = useState<PredictionState>({ kind: 'loading', progress: 0 });
  useEffect(() => {
    let live = true;
    const run = async () => {
      setState({ kind: 'loading', progress: 0 });
      try {
        const data = await load((progress) => live && setState({ kind: 'loading', progress }));
        if (live) setState({ kind: 'ready', data });
      } catch (error) {
        if (live) setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    };
    void run();
    const unwatch = watchModels(() => void run());
    return () => {
      live = false;
      unwatch();
    };
  }, [load]);
  return state;
}
