// Paste an article (or upload a file) and see the analysis at once: the
// server runs the same pipeline as `sitrep extract`; nothing is stored.
import { ApiFailure, api, type Extraction, setToken } from '../api.ts';
import { renderArticle } from '../article.ts';
import { append, clear, h } from '../dom.ts';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function pasteView(root: HTMLElement): void {
  const text = h('textarea', { name: 'text', rows: '10', placeholder: 'Paste article text here…', 'aria-label': 'article text' });
  const title = h('input', { type: 'text', name: 'title', placeholder: 'title (optional)' });
  const published = h('input', { type: 'date', name: 'published', 'aria-label': 'published' });
  const file = h('input', { type: 'file', name: 'file', accept: '.txt,.html,.htm,.md,text/plain,text/html' });
  const status = h('p', { class: 'muted', id: 'paste-status', role: 'status' });
  const result = h('div', { class: 'paste-result', id: 'paste-result' });

  const show = (x: Extraction, ms: number): void => {
    clear(result);
    status.textContent = `${plural(x.sentences.length, 'sentence')} · ${plural(x.entities.length, 'entity', 'entities')} · ${plural(x.claims.length, 'claim')} · ${plural(x.events.length, 'event')} · ${Math.round(ms)} ms`;
    result.appendChild(renderArticle(x).element);
  };
  const fail = (error: unknown): void => {
    if (error instanceof ApiFailure && error.status === 401) {
      const token = prompt('This server needs a token for analysis:');
      if (token) setToken(token);
    }
    status.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
  };
  const analyse = async (): Promise<void> => {
    const t0 = performance.now();
    status.textContent = 'Analysing…';
    try {
      const chosen = file.files?.[0];
      const x = chosen
        ? await api.extractFile(chosen, published.value || undefined)
        : await api.extractText({
            text: text.value,
            ...(title.value ? { title: title.value } : {}),
            ...(published.value ? { published: published.value } : {}),
          });
      show(x, performance.now() - t0);
    } catch (error) {
      fail(error);
    }
  };
  // Pasting is the common case: analyse as soon as the text lands.
  text.addEventListener('paste', () => {
    setTimeout(() => void analyse(), 0);
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void analyse();
  });
  append(
    root,
    h('h2', {}, 'Paste an article'),
    h(
      'form',
      {
        class: 'paste',
        on: {
          submit: (e) => {
            e.preventDefault();
            void analyse();
          },
        },
      },
      text,
      h(
        'div',
        { class: 'filters' },
        title,
        h('label', { class: 'filter' }, 'published ', published),
        h('label', { class: 'filter' }, 'or a file ', file),
        h('button', { type: 'submit', id: 'analyse' }, 'Analyse (Ctrl+Enter)'),
      ),
    ),
    status,
    result,
  );
}
