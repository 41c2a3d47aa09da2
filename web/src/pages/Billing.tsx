import { useState, type FormEvent } from "react";
import { api, authFetch, ok } from "../api/client";
import { explain } from "../api/errors";
import type { Invoice } from "../api/types";
import { useSession } from "../session";
import { ErrorBox, money, useAction, useAnnounce, useLoad } from "../ui";

async function downloadPdf(inv: Invoice) {
  const res = await authFetch(`/api/v1/billing/invoices/${inv.id}/download_pdf/`);
  if (!res.ok) throw explain(res.status, await res.json().catch(() => undefined), res.headers.get("Retry-After"));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `${inv.invoice_number}.pdf`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function PayForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const pay = useAction();
  const announce = useAnnounce();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await pay.run(() =>
      ok(api.POST("/api/v1/billing/payments/manual/", {
        body: { invoice_id: invoice.id, payment_method: String(f.get("method")) as "manual" | "bank_transfer" | "local_wallet", transaction_reference: String(f.get("reference")) },
      })),
    );
    if (r) {
      announce("Payment sent for approval");
      onDone();
    }
  };
  return (
    <form className="row" onSubmit={submit} aria-label={`Pay ${invoice.invoice_number}`}>
      <label>Method
        <select name="method" defaultValue="bank_transfer">
          <option value="bank_transfer">Bank transfer</option><option value="local_wallet">Local wallet</option><option value="manual">Other</option>
        </select>
      </label>
      <label>Transfer reference<input name="reference" required /></label>
      <button type="submit" disabled={pay.busy}>Report payment</button>
      <ErrorBox error={pay.error} />
    </form>
  );
}

export function Billing() {
  const { isAdmin } = useSession();
  const balance = useLoad(() => ok(api.GET("/api/v1/billing/credits/balance/")), []);
  const ledger = useLoad(() => ok(api.GET("/api/v1/billing/transactions/", { params: { query: { page_size: 25 } } })), []);
  const usage = useLoad(() => ok(api.GET("/api/v1/billing/credits/usage/", { params: { query: { page_size: 25 } } })), []);
  const packages = useLoad(() => ok(api.GET("/api/v1/billing/credit-packages/")), []);
  const invoices = useLoad(() => ok(api.GET("/api/v1/billing/invoices/", { params: { query: { page_size: 50 } } })), []);
  const [payFor, setPayFor] = useState<number | null>(null);
  const [instructions, setInstructions] = useState<string | null>(null);
  const act = useAction();
  const b = balance.data?.data;
  return (
    <>
      <h1>Billing</h1>
      <section aria-labelledby="bal-h">
        <h2 id="bal-h">Credits</h2>
        <ErrorBox error={balance.error} />
        {b && (
          <div className="cards">
            <div className="card"><p>Total</p><p className="big" data-testid="credits-total">{b.total}</p></div>
            <div className="card"><p>Plan credits</p><p className="big">{b.plan_credits}</p><p className="muted">{b.plan_credits_per_month} a month{b.period_end ? `, renews ${new Date(b.period_end).toLocaleDateString()}` : ""}</p></div>
            <div className="card"><p>Bonus credits</p><p className="big">{b.bonus_credits}</p><p className="muted">bought; never expire</p></div>
          </div>
        )}
      </section>
      <section aria-labelledby="pkg-h">
        <h2 id="pkg-h">Buy credits</h2>
        <ErrorBox error={packages.error} />
        <ul className="cards">
          {(packages.data?.results ?? []).map((p) => (
            <li key={p.id} className="card">
              <p><strong>{p.name}</strong></p>
              <p>{p.credits} credits for {money(p.price_cents, p.currency)}</p>
              {isAdmin && (
                <button onClick={async () => {
                  const r = await act.run(() => ok(api.POST("/api/v1/billing/credit-packages/{id}/purchase/", { params: { path: { id: p.id } } })));
                  if (r) {
                    const na = r.data.next_action;
                    if (na.type === "checkout") window.location.assign(na.url);
                    else setInstructions(na.instructions);
                    setPayFor(r.data.invoice.id);
                    void invoices.reload();
                  }
                }}>Buy <span className="sr-only">{p.name}</span></button>
              )}
            </li>
          ))}
        </ul>
        <ErrorBox error={act.error} />
        {instructions && <div className="notice" role="status"><p>An invoice was issued. How to pay:</p><p>{instructions}</p></div>}
      </section>
      <section aria-labelledby="inv-h">
        <h2 id="inv-h">Invoices</h2>
        <ErrorBox error={invoices.error} />
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Invoices</caption>
            <thead><tr><th scope="col">Number</th><th scope="col">Type</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col">Issued</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {(invoices.data?.results ?? []).map((inv) => (
                <tr key={inv.id}>
                  <td>{inv.invoice_number}</td><td>{inv.invoice_type}</td><td>{money(inv.total_cents, inv.currency)}</td><td>{inv.status}</td>
                  <td>{new Date(inv.issued_at).toLocaleDateString()}</td>
                  <td>
                    <button className="secondary" onClick={() => act.run(() => downloadPdf(inv))}>PDF <span className="sr-only">of {inv.invoice_number}</span></button>{" "}
                    {isAdmin && (inv.status === "pending" || inv.status === "open") && <button className="secondary" onClick={() => setPayFor(inv.id)}>Pay <span className="sr-only">{inv.invoice_number}</span></button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {payFor !== null && isAdmin && (() => {
          const inv = invoices.data?.results.find((i) => i.id === payFor);
          return inv ? <PayForm invoice={inv} onDone={() => { setPayFor(null); void invoices.reload(); }} /> : null;
        })()}
      </section>
      <section aria-labelledby="ledger-h">
        <h2 id="ledger-h">Ledger</h2>
        <ErrorBox error={ledger.error} />
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Credit transactions</caption>
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Amount</th><th scope="col">Balance after</th></tr></thead>
            <tbody>
              {(ledger.data?.results ?? []).map((t) => (
                <tr key={t.id}><td>{new Date(t.created_at).toLocaleString()}</td><td>{t.description || t.kind}</td><td>{t.amount}</td><td>{t.balance_after}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="usage-h">
        <h2 id="usage-h">Usage</h2>
        <ErrorBox error={usage.error} />
        <div className="table-wrap">
          <table>
            <caption className="sr-only">AI usage</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Operation</th><th scope="col">Credits</th><th scope="col">Model</th></tr></thead>
            <tbody>
              {(usage.data?.results ?? []).map((u) => (
                <tr key={u.id}><td>{new Date(u.created_at).toLocaleString()}</td><td>{u.operation_type.replaceAll("_", " ")}</td><td>{u.error ? `0 (failed: ${u.error})` : u.credits_used}</td><td>{u.model_used}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
