// The reader's progress, kept in this browser: chapters opened and exercises passed.
// (Trained models live in the model store; cell edits with their cells.)

const KEY = 'nn-from-scratch:progress';

export interface Progress {
  opened: string[];
  exercisesPassed: string[];
}

export function readProgress(): Progress {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Progress>;
    return { opened: saved.opened ?? [], exercisesPassed: saved.exercisesPassed ?? [] };
  } catch {
    return { opened: [], exercisesPassed: [] };
  }
}

function remember(field: keyof Progress, value: string): void {
  const progress = readProgress();
  if (progress[field].includes(value)) return;
  progress[field].push(value);
  localStorage.setItem(KEY, JSON.stringify(progress));
}

export const markChapterOpened = (chapterId: string): void => remember('opened', chapterId);
export const markExercisePassed = (exerciseName: string): void => remember('exercisesPassed', exerciseName);

export function forgetProgress(): void {
  localStorage.removeItem(KEY);
}
