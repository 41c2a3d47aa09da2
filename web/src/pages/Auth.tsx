import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api, login, ok, register } from "../api/client";
import { ErrorBox, fieldError, useAction } from "../ui";

function Field({ label, name, type = "text", error, autoComplete, required = true }: {
  label: string; name: string; type?: string; error?: string; autoComplete?: string; required?: boolean;
}) {
  const id = `f-${name}`;
  return (
    <label htmlFor={id}>
      {label}
      <input id={id} name={name} type={type} required={required} autoComplete={autoComplete}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} />
      {error && <span id={`${id}-err`} className="field-error">{error}</span>}
    </label>
  );
}

function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/sites";
}

export function Login() {
  const nav = useNavigate();
  const [params] = useSearchParams();
  const { error, busy, run } = useAction();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const u = await run(() => login(String(f.get("email")), String(f.get("password"))));
    if (u) nav(safeNext(params.get("next")));
  };
  return (
    <>
      <h1>Sign in to IGNY8</h1>
      <form className="stack" onSubmit={submit}>
        <Field label="E-mail" name="email" type="email" autoComplete="username" error={fieldError(error, "email")} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={fieldError(error, "password")} />
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
      <p><Link to="/signup">Create an account</Link> · <Link to="/forgot-password">Forgot your password?</Link></p>
    </>
  );
}

export function Signup() {
  const nav = useNavigate();
  const { error, busy, run } = useAction();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const u = await run(() =>
      register({
        email: String(f.get("email")),
        password: String(f.get("password")),
        first_name: String(f.get("first_name") ?? ""),
        last_name: String(f.get("last_name") ?? ""),
        account_name: String(f.get("account_name") ?? ""),
      }),
    );
    if (u) nav("/sites");
  };
  return (
    <>
      <h1>Create your IGNY8 account</h1>
      <form className="stack" onSubmit={submit}>
        <Field label="Account name" name="account_name" error={fieldError(error, "account_name")} required={false} />
        <Field label="First name" name="first_name" autoComplete="given-name" required={false} error={fieldError(error, "first_name")} />
        <Field label="Last name" name="last_name" autoComplete="family-name" required={false} error={fieldError(error, "last_name")} />
        <Field label="E-mail" name="email" type="email" autoComplete="username" error={fieldError(error, "email")} />
        <Field label="Password (at least 10 characters)" name="password" type="password" autoComplete="new-password" error={fieldError(error, "password")} />
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>Create account</button>
      </form>
      <p>Already have an account? <Link to="/login">Sign in</Link></p>
    </>
  );
}

export function ForgotPassword() {
  const { error, busy, run } = useAction();
  const [sent, setSent] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await run(() => ok(api.POST("/api/v1/auth/password/reset/", { body: { email: String(f.get("email")) } })));
    if (r) setSent(true);
  };
  return (
    <>
      <h1>Reset your password</h1>
      {sent ? (
        <p className="notice" role="status">If the e-mail is registered, a reset link is on its way. It is valid for one hour.</p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <Field label="E-mail" name="email" type="email" autoComplete="username" error={fieldError(error, "email")} />
          <ErrorBox error={error} />
          <button type="submit" disabled={busy}>Send the reset link</button>
        </form>
      )}
      <p><Link to="/login">Back to sign in</Link></p>
    </>
  );
}

export function ResetPassword() {
  const [params] = useSearchParams();
  const { error, busy, run } = useAction();
  const [done, setDone] = useState(false);
  const token = params.get("token") ?? "";
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await run(() =>
      ok(api.POST("/api/v1/auth/password/reset/confirm/", { body: { token, new_password: String(f.get("new_password")) } })),
    );
    if (r) setDone(true);
  };
  return (
    <>
      <h1>Choose a new password</h1>
      {done ? (
        <p className="notice" role="status">Your password has been reset. <Link to="/login">Sign in</Link> with the new one.</p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <Field label="New password" name="new_password" type="password" autoComplete="new-password" error={fieldError(error, "new_password")} />
          <ErrorBox error={error} />
          <button type="submit" disabled={busy || !token}>Set the new password</button>
        </form>
      )}
    </>
  );
}
