// The excerpt a chapter shows of an engine file: the lines between two markers, dedented, and a clear
// author error when a marker has gone.
import { describe, expect, it } from 'vitest';
import { sourceExcerpt } from '../../components/ui/source-excerpt';

const source = ['class A {', '  /** first */', '  first() {', '    return 1;', '  }', '', '  /** second */', '  second() {}', '}'].join('\n');

describe('sourceExcerpt', () => {
  it('takes the lines from one marker up to the next, without trailing blank lines or common indentation', () => {
    expect(sourceExcerpt(source, '  /** first', '  /** second')).toBe(['/** first */', 'first() {', '  return 1;', '}'].join('\n'));
  });

  it('names the marker it cannot find', () => {
    expect(() => sourceExcerpt(source, '  /** third', '}')).toThrow('no line starts with "  /** third"');
    expect(() => sourceExcerpt(source, '  /** second', '  /** first')).toThrow('no line after "  /** second" starts with "  /** first"');
  });
});
