// The REST API as the page uses it: same-origin fetch with the HttpOnly session cookie (this script
// never sees the token), JSON in and out, and RFC 9457 problems turned into ApiError, whose message
// names the problem in the page's language (by its type) and then gives the server's detail.
import { language, t } from './i18n.js';

// "/problems/bid-deadline-passed" → the page's words for it, or null for a type it does not know.
function problemTitle(problem) {
  const slug = /^\/problems\/([a-z-]+)$/.exec(problem?.type ?? '')?.[1];
  const key = `problem.${slug}`;
  return slug && t(key) !== key ? t(key) : null;
}

const networkError = () => new ApiError(0, { title: t('networkDown'), detail: t('networkDown') });

export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
    const title = language() === 'zh' ? problemTitle(problem) : null;
    super(title ? `${title}：${detail}` : detail);
    this.status = status;
    this.problem = problem ?? {};
  }

  // The fields the server named, as { field: message }.
  get fields() {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.detail]));
  }
}

// api('GET', '/api/tenders') → the parsed body. `body` is sent as JSON unless `raw` (a string or
// bytes) is given with its content type. Throws ApiError for any answer that is not 2xx.
export async function api(method, path, { body, raw, contentType, headers = {} } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers } };
  if (raw !== undefined) {
    init.body = raw;
    init.headers['content-type'] = contentType;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw networkError();
  }
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof parsed === 'object' ? parsed : { detail: parsed });
  return parsed;
}

// A problem as one line under a form: its detail, then each field the server named, labelled.
export function problemText(err, fieldLabel = (f) => f) {
  const fields = err instanceof ApiError ? Object.entries(err.fields) : [];
  return [err.message, ...fields.map(([f, m]) => `${fieldLabel(f)}: ${m}`)].join(' ');
}

// POSTs `bytes` with their upload's progress reported to `onProgress(fraction)` (fetch cannot
// report it): → the parsed answer; throws ApiError like api().
export function uploadWithProgress(path, bytes, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { detail: xhr.responseText };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    });
    for (const failure of ['error', 'abort', 'timeout']) xhr.addEventListener(failure, () => reject(networkError()));
    xhr.send(bytes);
  });
}

// GET of something that may not exist yet (an opening record, an award, an evaluation room): null
// for 404 and 409.
export async function apiOptional(path) {
  try {
    return await api('GET', path);
  } catch (e) {
    if (e instanceof ApiError && [404, 409].includes(e.status)) return null;
    throw e;
  }
}
