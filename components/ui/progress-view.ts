// The contents page's view of the reader's progress: chapters opened, exercises passed, trained model.
import { forgetProgress, readProgress } from '../../src/progress';
import { currentModel, deleteModel, listModels } from '../../src/storage/model-store';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function showChapters(root: ParentNode): { opened: number; passed: number; exercises: number } {
  const { opened, exercisesPassed } = readProgress();
  const totals = { opened: 0, passed: 0, exercises: 0 };
  for (const entry of root.querySelectorAll<HTMLElement>('.toc-entry')) {
    const names = (entry.dataset.exercises ?? '').split(' ').filter(Boolean);
    const passed = names.filter((name) => exercisesPassed.includes(name)).length;
    const wasOpened = opened.includes(entry.dataset.chapter!);
    entry.classList.toggle('opened', wasOpened);
    const line = entry.querySelector<HTMLElement>('[data-progress]')!;
    const parts = [wasOpened ? 'Opened' : 'Not opened yet'];
    if (names.length) parts.push(`${passed} of ${plural(names.length, 'exercise')} passed`);
    line.textContent = parts.join(' · ');
    totals.opened += Number(wasOpened);
    totals.passed += passed;
    totals.exercises += names.length;
  }
  return totals;
}

async function showModel(line: HTMLElement): Promise<void> {
  try {
    const model = await currentModel(['mlp', 'cnn']);
    line.textContent = model ? `Your trained network: ${model.name}, saved ${new Date(model.savedAt).toLocaleString()}.` : 'No trained network yet: chapter 11 trains one.';
  } catch (error) {
    line.textContent = `Saved networks cannot be read here: ${(error as Error).message}`;
  }
}

async function reset(root: ParentNode): Promise<void> {
  forgetProgress();
  for (const model of await listModels(['mlp', 'cnn']).catch(() => [])) await deleteModel(model.id!);
  showProgress(root);
}

export function showProgress(root: ParentNode): void {
  const totals = showChapters(root);
  const chapters = root.querySelectorAll('.toc-entry').length;
  root.querySelector('[data-progress-summary]')!.textContent =
    `You have opened ${totals.opened} of ${plural(chapters, 'chapter')} and passed ${totals.passed} of ` +
    `${plural(totals.exercises, 'exercise')}. This is kept in this browser only.`;
  void showModel(root.querySelector<HTMLElement>('[data-model-summary]')!);
  const button = root.querySelector<HTMLButtonElement>('[data-progress-reset]')!;
  button.onclick = () => {
    if (confirm('Forget which chapters you opened, which exercises you passed, and delete your saved networks?')) {
      void reset(root);
    }
  };
}
