// Typed calls to sitrep's HTTP API. The response shapes are the server's own
// view types (type-only imports: nothing from the server is bundled).
import type { Extraction } from '../../src/model/index.ts';
import type {
  ClaimGroup,
  ClaimView,
  ClusterRecord,
  DocumentSummary,
  EntityDetail,
  EntitySummary,
  EventView,
  SearchHit,
} from '../../src/server/views.ts';

export type { ClaimGroup, ClaimView, ClusterRecord, DocumentSummary, EntityDetail, EntitySummary, EventView, Extraction, SearchHit };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'sitrep-token';

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'object' && body.error
        ? String((body.error as { message?: unknown }).message ?? res.statusText)
        : res.statusText;
    throw new ApiFailure(res.status, message);
  }
  return body as T;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  documents: () => request<{ documents: DocumentSummary[] }>('/api/documents'),
  document: (id: string) => request<Extraction>(`/api/documents/${encodeURIComponent(id)}`),
  taxonomy: () => request<{ eventTypes: Record<string, string> }>('/api/taxonomy'),
  events: () => request<{ events: EventView[] }>('/api/events'),
  claims: () => request<{ claims: ClaimView[]; groups: ClaimGroup[] }>('/api/claims'),
  entities: (q?: string) => request<{ entities: EntitySummary[] }>(`/api/entities${query({ q })}`),
  entity: (id: string) => request<EntityDetail>(`/api/entities/${encodeURIComponent(id)}`),
  search: (q: string) => request<{ hits: SearchHit[] }>(`/api/search${query({ q })}`),
  clusters: () => request<{ clusters: ClusterRecord[] }>('/api/clusters'),
  extractText: (body: { text: string; title?: string; published?: string; source?: string }) =>
    request<Extraction>('/api/extract', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  extractFile: (file: File, published?: string) => {
    const form = new FormData();
    form.set('file', file);
    if (published) form.set('published', published);
    return request<Extraction>('/api/extract', { method: 'POST', body: form });
  },
};
