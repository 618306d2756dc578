// The page side of search: load Pagefind's script on first use, query it, list chapters and headings.

interface SubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface ResultData {
  url: string;
  meta: { title?: string };
  excerpt: string;
  sub_results?: SubResult[];
}
interface Pagefind {
  debouncedSearch(query: string, options?: object, ms?: number): Promise<{ results: { data(): Promise<ResultData> }[] } | null>;
}

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  const url = `${import.meta.env.BASE_URL}pagefind/pagefind.js`;
  // A failed load (offline before the script was kept) is forgotten, so the next search tries again.
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).catch((error) => {
    pagefind = undefined;
    throw error;
  });
  return pagefind;
}

export function openSearch(dialog: HTMLDialogElement, input: HTMLInputElement): void {
  if (!dialog.open) dialog.showModal();
  input.select();
  loadPagefind().catch(() => undefined);
}

function resultItem(page: ResultData): HTMLLIElement {
  const item = document.createElement('li');
  const chapter = document.createElement('a');
  chapter.href = page.url;
  chapter.className = 'search-chapter';
  chapter.textContent = page.meta.title ?? page.url;
  item.append(chapter);
  const headings = (page.sub_results ?? []).filter((s) => s.url !== page.url).slice(0, 3);
  for (const sub of headings.length ? headings : [{ title: '', url: page.url, excerpt: page.excerpt }]) {
    const link = document.createElement('a');
    link.href = sub.url;
    link.className = 'search-heading';
    const title = document.createElement('span');
    title.textContent = sub.title;
    const excerpt = document.createElement('span');
    excerpt.className = 'search-excerpt';
    excerpt.innerHTML = sub.excerpt; // Pagefind escapes the text and adds only <mark>
    link.append(title, excerpt);
    item.append(link);
  }
  return item;
}

const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Whether an excerpt's highlighted words relate to the query. Pagefind also returns pages where only
 * a short word shares the query's start ("xyzzy" found "(x,y)" as "xy"): a highlighted word counts
 * only if it starts with a query word (a word being typed) or shares a stem-sized start with it
 * ("training" and "trained" share "train"). An excerpt with no highlight is kept.
 */
export function matchesQuery(excerpt: string, query: string): boolean {
  const marked = [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => letters(m[1])).filter(Boolean);
  if (!marked.length) return true;
  const terms = query.split(/\s+/).map(letters).filter(Boolean);
  return marked.some((word) =>
    terms.some((term) => {
      let shared = 0;
      while (shared < word.length && shared < term.length && word[shared] === term[shared]) shared++;
      return shared === term.length || shared >= Math.max(4, Math.ceil(0.6 * term.length));
    }),
  );
}

export async function runSearch(query: string, status: HTMLElement, list: HTMLOListElement): Promise<void> {
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  let engine: Pagefind;
  try {
    engine = await loadPagefind();
  } catch {
    status.textContent = navigator.onLine
      ? 'Search is not available here: it needs the built site (npm start).'
      : 'Search cannot work right now: you are offline and this browser has not kept the search index. Reconnect and try again.';
    return;
  }
  let search: Awaited<ReturnType<Pagefind['debouncedSearch']>>;
  let pages: ResultData[];
  try {
    search = await engine.debouncedSearch(query, {}, 150);
    if (!search) return; // a newer query superseded this one
    // The site has a dozen pages, so every result is loaded and the unrelated ones can be dropped.
    pages = (await Promise.all(search.results.map((r) => r.data()))).filter((page) => matchesQuery(page.excerpt, query));
  } catch {
    // The index comes in pieces fetched on demand; offline, a piece this browser never kept is missing.
    list.replaceChildren();
    status.textContent = navigator.onLine
      ? 'Search could not load its index. Reload the page and try again.'
      : 'Search cannot work right now: you are offline and this browser has not kept the search index. Reconnect and try again.';
    return;
  }
  list.replaceChildren(...pages.slice(0, 8).map(resultItem));
  status.textContent = pages.length
    ? `${pages.length} chapter${pages.length === 1 ? '' : 's'} found`
    : `Nothing found for “${query}”`;
}
