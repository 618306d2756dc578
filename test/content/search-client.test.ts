// Which of Pagefind's results the search dialog keeps: a page whose highlighted words relate to the query.
import { describe, expect, it } from 'vitest';
import { matchesQuery } from '../../components/ui/search-client.ts';

describe('search results', () => {
  it('drops a page matched only through a short word that begins the query', () => {
    // What Pagefind returned for "xyzzy": chapter 4, for "(x,y)".
    expect(matchesQuery('gives random integers of shape <mark>(x,y).</mark> In fact', 'xyzzy')).toBe(false);
  });

  it('keeps exact words, words being typed, and other forms of the same stem', () => {
    expect(matchesQuery('the <mark>softmax</mark> of Z2', 'softmax')).toBe(true);
    expect(matchesQuery('the <mark>softmax</mark> of Z2', 'soft')).toBe(true);
    expect(matchesQuery('a network <mark>trained</mark> for two epochs', 'training')).toBe(true);
    expect(matchesQuery('its <mark>centre</mark> of <mark>mass</mark>', 'centre of mass')).toBe(true);
    expect(matchesQuery('no highlight at all', 'anything')).toBe(true);
  });
});
