// The REST API as the page uses it: same-origin fetch with the HttpOnly session cookie (this script
// never sees the token), JSON in and out, and RFC 9457 problems turned into ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
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
    throw new ApiError(0, { title: 'network', detail: null });
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
