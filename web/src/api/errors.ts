// API errors in words a user understands, with the field errors kept for the form that sent them.

/** The error envelope of the API. */
export interface ErrorBody {
  success?: false;
  error?: string;
  code?: string;
  errors?: Record<string, unknown>;
  request_id?: string;
}

/** An API error: what to tell the user, and per-field messages for forms. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]>,
    readonly retryAfter?: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

function fieldMessages(errors: Record<string, unknown> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(errors ?? {})) {
    if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
    else if (typeof v === "string") out[k] = [v];
  }
  return out;
}

function num(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (Array.isArray(v) && v.length > 0) return num(v[0]);
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** Turns a failed response (status, parsed body, Retry-After header) into an {@link ApiProblem}. */
export function explain(status: number, body: ErrorBody | undefined, retryAfterHeader?: string | null): ApiProblem {
  const code = body?.code ?? "";
  const server = body?.error ?? "";
  const fields = fieldMessages(body?.errors);
  const rid = body?.request_id;
  let msg: string;
  let retry: number | undefined;
  switch (status) {
    case 400:
      msg = Object.keys(fields).length > 0 ? "Please correct the highlighted fields." : server || "The request was not valid.";
      break;
    case 401:
      msg = code === "invalid_credentials" ? "The e-mail or password is wrong." : "Your session has ended. Please sign in again.";
      break;
    case 402: {
      const needed = num(body?.errors?.needed);
      const available = num(body?.errors?.available);
      msg =
        needed !== undefined && available !== undefined
          ? `Not enough credits: this needs ${needed} credits and you have ${available}. Buy credits on the Billing page.`
          : "Not enough credits for this. Buy credits on the Billing page.";
      break;
    }
    case 403:
      msg =
        code === "permission_denied"
          ? "Your role does not allow this action."
          : code === "account_inactive"
            ? "Your account is not active: pay the open invoice on the Billing page to continue."
            : code === "plan_limit_reached"
              ? `Your plan's limit is reached. ${server}`.trim()
              : server || "This is not allowed.";
      break;
    case 404:
      msg = "Not found. It may have been deleted, or it is not in your account.";
      break;
    case 409:
      msg =
        code === "run_in_progress"
          ? "A run is already in progress for this site. Wait for it to finish, or pause or cancel it."
          : server || "This conflicts with the current state. Reload and try again.";
      break;
    case 413:
      msg = "The file is too large.";
      break;
    case 422:
      msg = server || "That is not possible in the current state.";
      break;
    case 429: {
      retry = Number(retryAfterHeader ?? "");
      if (!Number.isFinite(retry) || retry < 0) retry = undefined;
      msg = retry !== undefined ? `Too many requests. Try again in ${retry} seconds.` : "Too many requests. Try again shortly.";
      break;
    }
    default:
      msg =
        status >= 500
          ? `Something went wrong on our side. Please try again.${rid ? ` (Reference: ${rid})` : ""}`
          : server || `The request failed (${status}).`;
  }
  return new ApiProblem(status, code, msg, fields, retry, rid);
}

/** A message for anything thrown by an API call. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiProblem) return e.message;
  if (e instanceof TypeError) return "The server cannot be reached. Check your connection and try again.";
  return e instanceof Error ? e.message : String(e);
}
