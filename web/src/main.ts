// The UI shell: a hash router over the views. Routes are links a user can
// share: #/ (overview), #/claims, #/doc/<id>?span=s-e, #/entity/<id>,
// #/entities, #/docs, #/paste.
import './style.css';
import { api } from './api.ts';
import { clear, h } from './dom.ts';
import { setTypeNames } from './palette.ts';
import { articleView } from './views/article.ts';
import { claimsBoard } from './views/claims.ts';
import { documentList } from './views/documents.ts';
import { entityList, entityPage } from './views/entity.ts';
import { overview } from './views/overview.ts';
import { pasteView } from './views/paste.ts';

const root = document.getElementById('app') as HTMLElement;

async function route(): Promise<void> {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    a.classList.toggle('active', a.dataset.route === (parts[0] ?? ''));
  }
  clear(root);
  root.dataset.view = parts[0] ?? 'overview';
  root.dataset.loaded = 'false';
  try {
    switch (parts[0]) {
      case undefined:
        await overview(root);
        break;
      case 'claims':
        await claimsBoard(root);
        break;
      case 'doc':
        await articleView(root, parts[1] ?? '', params);
        break;
      case 'entity':
        await entityPage(root, parts[1] ?? '');
        break;
      case 'entities':
        await entityList(root);
        break;
      case 'docs':
        await documentList(root);
        break;
      case 'paste':
        pasteView(root);
        break;
      default:
        root.appendChild(h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Back to the overview.')));
    }
  } catch (error) {
    root.appendChild(h('p', { class: 'error' }, `Could not load this view: ${error instanceof Error ? error.message : String(error)}`));
  }
  root.dataset.loaded = 'true';
}

window.addEventListener('hashchange', () => void route());
// Type names are a nicety: without them the ids are shown.
void api
  .taxonomy()
  .then((t) => setTypeNames(t.eventTypes))
  .catch(() => {})
  .finally(() => void route());
