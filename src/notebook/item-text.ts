// An output item as plain text lines: what an exported chapter prints in a terminal, and what the
// export's test compares with the page's cells.
import type { Formatted, OutputItem } from './protocol.ts';

export function itemText(item: OutputItem): string {
  switch (item.kind) {
    case 'text':
      return item.text;
    case 'value':
      return `${item.label ? `${item.label}: ` : ''}${formattedText(item.value)}`;
    case 'image':
      return `[image ${item.width}×${item.height}${item.label ? `: ${item.label}` : ''}]`;
    case 'plot':
      return `[plot${item.title ? ` "${item.title}"` : ''}: ${item.series.map((s) => `${s.name || 'values'} (${s.values.length} points)`).join(', ')}]`;
    case 'progress':
      return `${item.label ? `${item.label} ` : ''}${Math.round(item.fraction * 100)}%`;
    case 'check': {
      const title = `${item.passed === item.total ? '✓ Passed' : '✗ Not yet'}: ${item.name} — ${item.passed} of ${item.total} cases pass`;
      const failing = item.cases.filter((c) => !c.ok).slice(0, 5).map((c) => `  ${c.detail ?? 'failed'} for (${c.args})`);
      return [title, ...failing, ...(item.hint ? [`  Hint: ${item.hint}`] : [])].join('\n');
    }
    case 'error':
      return `${item.error.name}: ${item.error.message}`;
  }
}

function formattedText(v: Formatted): string {
  if (v.type === 'text') return v.text;
  if (v.type === 'array') return `${v.caption}\n${v.text}`;
  const width = Math.max(1, ...v.rows.flatMap((r) => r.cells.map((c) => c.length)));
  const rows = v.rows.map((r) => `${r.label.padStart(4)} | ${r.cells.map((c) => c.padStart(width)).join(' ')}`);
  return [v.caption, ...rows].join('\n');
}
