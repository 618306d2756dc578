// The small help a reader opens with "?" (or the toolbar's button): the cells' keys, as in Jupyter.
const KEYS: [string, string][] = [
  ['Shift + Enter', 'Run the cell and move to the next one'],
  ['Ctrl/⌘ + Enter', 'Run the cell and stay on it'],
  ['Enter', 'Edit the cell (when the cell, not its editor, has focus)'],
  ['Escape', 'Leave the editor (first closing a list of names, if one is open)'],
  ['Ctrl + Space', "List the names that fit where you type, with their types (after a dot the list opens by itself)"],
  ['Tab', 'Move to the next control (the editor never keeps the focus)'],
  ['?', 'Show this list'],
];

let dialog: HTMLDialogElement | null = null;

export function openShortcuts(): void {
  dialog ??= build();
  if (!dialog.open) dialog.showModal();
}

function build(): HTMLDialogElement {
  const d = document.createElement('dialog');
  d.className = 'nb-shortcuts';
  d.setAttribute('aria-labelledby', 'nb-shortcuts-title');
  const title = document.createElement('h2');
  title.id = 'nb-shortcuts-title';
  title.textContent = 'Keyboard shortcuts for cells';
  const list = document.createElement('dl');
  for (const [key, what] of KEYS) {
    const dt = document.createElement('dt');
    dt.append(...key.split(' + ').flatMap((k, i) => (i === 0 ? [kbd(k)] : [' + ', kbd(k)])));
    const dd = document.createElement('dd');
    dd.textContent = what;
    list.append(dt, dd);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'nb-button';
  close.textContent = 'Close';
  close.addEventListener('click', () => d.close());
  d.append(title, list, close);
  // A click on the backdrop (outside the box) closes it too; Escape closes any modal dialog.
  d.addEventListener('click', (e) => { if (e.target === d) d.close(); });
  document.body.append(d);
  return d;
}

function kbd(text: string): HTMLElement {
  const k = document.createElement('kbd');
  k.textContent = text;
  return k;
}
