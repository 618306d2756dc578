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
    pages = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
  } catch {
    // The index comes in pieces fetched on demand; offline, a piece this browser never kept is missing.
    list.replaceChildren();
    status.textContent = navigator.onLine
      ? 'Search could not load its index. Reload the page and try again.'
      : 'Search cannot work right now: you are offline and this browser has not kept the search index. Reconnect and try again.';
    return;
  }
  list.replaceChildren(...pages.map(resultItem));
  status.textContent = pages.length
    ? `${search.results.length} chapter${search.results.length === 1 ? '' : 's'} found`
    : `Nothing found for “${query}”`;
}
