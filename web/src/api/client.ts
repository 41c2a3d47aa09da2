// The API client: openapi-fetch over the types generated from the API's OpenAPI document
// (schema.d.ts). The access token lives in this module's memory only; the refresh token is an
// HttpOnly cookie the browser sends to the auth routes (asked for with X-IGNY8-Session).
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { explain, type ErrorBody } from "./errors";

/** The signed-in user as the auth routes answer it. */
export interface SessionUser {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  role: "owner" | "admin" | "editor" | "viewer";
  account: { id: number; name: string; slug: string; status: string };
}

interface AuthData {
  user: SessionUser;
  access: string;
  access_expires_at: string;
}

let access: string | null = null;
let accessExpires = 0;
let refreshing: Promise<AuthData | null> | null = null;
const listeners = new Set<(u: SessionUser | null) => void>();

/** Called with the user when a session starts or is renewed, and with null when it ends. */
export function onSession(fn: (u: SessionUser | null) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function setSession(d: AuthData | null) {
  access = d?.access ?? null;
  accessExpires = d ? Date.parse(d.access_expires_at) : 0;
  for (const l of listeners) l(d?.user ?? null);
}

/** The Authorization header of the current session (for fetches outside the typed client). */
export function authHeaders(): Record<string, string> {
  return access ? { Authorization: `Bearer ${access}` } : {};
}

const SESSION_HEADER = { "X-IGNY8-Session": "cookie", "Content-Type": "application/json" };

async function authPost(path: string, body: unknown): Promise<AuthData | null> {
  const res = await fetch(`/api/v1/auth/${path}`, {
    method: "POST",
    headers: SESSION_HEADER,
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  // 204: no refresh cookie, so no session (the app cannot see its HttpOnly cookie itself).
  if (res.status === 204) return null;
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw explain(res.status, json as ErrorBody, res.headers.get("Retry-After"));
  return json.data as AuthData;
}

async function signIn(path: string, body: unknown): Promise<SessionUser> {
  const d = await authPost(path, body);
  if (!d) throw new Error("The server did not start a session.");
  setSession(d);
  return d.user;
}

/** Renews the access token with the refresh cookie; null when there is no session. */
export function refresh(): Promise<AuthData | null> {
  // One refresh at a time across the app's tabs: the refresh token rotates, and a second tab
  // sending the cookie the first just used would look like token reuse (which ends the session).
  const call = () => authPost("token/refresh/", {});
  refreshing ??= (navigator.locks ? navigator.locks.request("igny8-session-refresh", call).then((r) => r) : call())
    .then((d) => {
      setSession(d);
      return d;
    })
    .catch(() => {
      setSession(null);
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Signs in; the refresh token goes into the cookie. */
export async function login(email: string, password: string): Promise<SessionUser> {
  return signIn("login/", { email, password });
}

/** Creates an account and signs in. */
export async function register(body: {
  email: string;
  password: string;
  first_name?: string;
  last_name?: string;
  account_name?: string;
}): Promise<SessionUser> {
  return signIn("register/", body);
}

/** Ends the session on the server and clears the cookie. */
export async function logout(): Promise<void> {
  try {
    await fetch("/api/v1/auth/logout/", {
      method: "POST",
      headers: { ...SESSION_HEADER, ...authHeaders() },
      credentials: "same-origin",
    });
  } finally {
    setSession(null);
  }
}

const auth: Middleware = {
  async onRequest({ request }) {
    if (access && Date.now() > accessExpires - 30_000) await refresh();
    if (access) request.headers.set("Authorization", `Bearer ${access}`);
    return request;
  },
  async onResponse({ response, request }) {
    // An access token the server no longer accepts (session revoked elsewhere): try the cookie
    // once, and sign out when that fails too.
    if (response.status === 401 && request.headers.has("Authorization")) {
      const d = await refresh();
      if (!d) return response;
    }
    return response;
  },
};

/** The typed client. */
export const api = createClient<paths>({ baseUrl: "" });
api.use(auth);

/** A typed client call's answer: the body on success, an {@link ApiProblem} thrown otherwise. */
export async function ok<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<NonNullable<T>> {
  const { data, error, response } = await p;
  if (!response.ok || error !== undefined) {
    throw explain(response.status, error as ErrorBody, response.headers.get("Retry-After"));
  }
  return data as NonNullable<T>;
}

/** A fetch with the session's Authorization header, for what the typed client does not carry
 * (CSV uploads, file downloads, event streams). */
export async function authFetch(url: string, init: RequestInit = {}): Promise<Response> {
  if (access && Date.now() > accessExpires - 30_000) await refresh();
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...authHeaders() } });
}

/** The JSON answer of an {@link authFetch}, or the {@link ApiProblem} it stands for. */
export async function jsonOf<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw explain(res.status, body as ErrorBody, res.headers.get("Retry-After"));
  return body as T;
}
