// A piece of a source file, for a chapter that shows the code that runs (imported with ?raw) rather
// than a copy of it. The piece runs from the line that starts with `from` up to, not including, the
// line that starts with `to`, with its common indentation removed. A marker that is no longer there is
// an author error, so the build fails instead of showing the wrong code.
export function sourceExcerpt(source: string, from: string, to: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.startsWith(from));
  if (start < 0) throw new Error(`sourceExcerpt: no line starts with ${JSON.stringify(from)}`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith(to));
  if (end < 0) throw new Error(`sourceExcerpt: no line after ${JSON.stringify(from)} starts with ${JSON.stringify(to)}`);
  const piece = lines.slice(start, end);
  while (piece.length > 0 && piece[piece.length - 1].trim() === '') piece.pop();
  const indent = Math.min(...piece.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return piece.map((line) => line.slice(indent)).join('\n');
}
