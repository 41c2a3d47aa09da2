import { useState, type FormEvent } from "react";
import { api, ok } from "../api/client";
import { useSession } from "../session";
import { useSite } from "../site";
import { ErrorBox, NeedSite, fieldError, useAction, useAnnounce, useLoad } from "../ui";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function PublishingSettings({ siteId, canWrite }: { siteId: number; canWrite: boolean }) {
  const s = useLoad(() => ok(api.GET("/api/v1/publisher/settings/{site_id}/", { params: { path: { site_id: siteId } } })), [siteId]);
  const save = useAction();
  const announce = useAnnounce();
  const d = s.data?.data;
  if (!d) return <ErrorBox error={s.error} />;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await save.run(() =>
      ok(api.PATCH("/api/v1/publisher/settings/{site_id}/", {
        params: { path: { site_id: siteId } },
        body: {
          auto_publish_enabled: f.get("auto") === "on",
          daily_limit: Number(f.get("daily")),
          weekly_limit: Number(f.get("weekly")),
          publish_days: DAYS.map((_, i) => i + 1).filter((n) => f.get(`day${n}`) === "on"),
          time_slots: String(f.get("slots")).split(",").map((x) => x.trim()).filter(Boolean),
        },
      })),
    );
    if (r) {
      s.setData(r);
      announce("Publishing settings saved");
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="pub-h">
      <h2 id="pub-h">Publishing settings</h2>
      <fieldset disabled={!canWrite}>
        <legend className="sr-only">Automatic publishing</legend>
        <div className="row">
          <label><input type="checkbox" name="auto" defaultChecked={d.auto_publish_enabled} /> Publish approved articles automatically</label>
          <label>Per day<input type="number" name="daily" min={0} defaultValue={d.daily_limit} /></label>
          <label>Per week<input type="number" name="weekly" min={0} defaultValue={d.weekly_limit} /></label>
          <label>Times (HH:MM, comma-separated)<input name="slots" defaultValue={d.time_slots.join(", ")} /></label>
        </div>
        <fieldset>
          <legend>Days</legend>
          {DAYS.map((day, i) => (
            <label key={day}><input type="checkbox" name={`day${i + 1}`} defaultChecked={d.publish_days.includes(i + 1)} /> {day} </label>
          ))}
        </fieldset>
        {canWrite && <button type="submit" disabled={save.busy}>Save publishing settings</button>}
      </fieldset>
      <ErrorBox error={save.error} />
    </form>
  );
}

export function Integration() {
  const { canWrite } = useSession();
  const { site } = useSite();
  const siteId = site?.id;
  const list = useLoad(async () => (siteId ? ok(api.GET("/api/v1/integration/integrations/", { params: { query: { site_id: siteId } } })) : null), [siteId]);
  const [key, setKey] = useState<string | null>(null);
  const [check, setCheck] = useState<string | null>(null);
  const add = useAction();
  const act = useAction();
  const announce = useAnnounce();
  if (!site || !siteId) return <><h1>WordPress</h1><NeedSite /></>;
  const integ = list.data?.results[0];

  const connect = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const mode = String(f.get("mode"));
    const body =
      mode === "bridge"
        ? { site_id: siteId, site_url: String(f.get("site_url")), mode: "bridge" as const }
        : { site_id: siteId, site_url: String(f.get("site_url")), mode: "core" as const, username: String(f.get("username")), app_password: String(f.get("app_password")) };
    const r = await add.run(() => ok(api.POST("/api/v1/integration/integrations/", { body })));
    if (r) {
      announce("WordPress site connected");
      await list.reload();
    }
  };
  return (
    <>
      <h1>WordPress</h1>
      <ErrorBox error={list.error} />
      {integ ? (
        <section aria-labelledby="conn-h">
          <h2 id="conn-h">Connection</h2>
          <p>
            {integ.site_url} ({integ.mode} mode) — connection: <strong>{integ.connection_status}</strong>
            {integ.last_error && <> · last error: {integ.last_error}</>}
          </p>
          {canWrite && (
            <div className="row">
              <button onClick={async () => {
                const r = await act.run(() => ok(api.POST("/api/v1/integration/integrations/{id}/test_connection/", { params: { path: { id: integ.id } } })));
                if (r) {
                  const msg = r.data.success ? "The site answered: connection works." : `The connection failed: ${r.data.message}`;
                  setCheck(msg);
                  announce(msg);
                  void list.reload();
                }
              }}>Test connection</button>
            </div>
          )}
          {check && <p className="notice" role="status">{check}</p>}
          <ErrorBox error={act.error} />
        </section>
      ) : (
        canWrite && (
          <section aria-labelledby="new-conn-h">
            <h2 id="new-conn-h">Connect a WordPress site</h2>
            <form className="stack" onSubmit={connect}>
              <label htmlFor="wp-url">Site URL<input id="wp-url" name="site_url" type="url" required placeholder="https://blog.example.com" />
                {fieldError(add.error, "site_url") && <span className="field-error">{fieldError(add.error, "site_url")}</span>}</label>
              <label htmlFor="wp-mode">Mode
                <select id="wp-mode" name="mode" defaultValue="core">
                  <option value="core">Application password (any WordPress 5.6+)</option>
                  <option value="bridge">IGNY8 plugin with a site key</option>
                </select>
              </label>
              <label htmlFor="wp-user">WordPress user<input id="wp-user" name="username" autoComplete="off" /></label>
              <label htmlFor="wp-pass">Application password<input id="wp-pass" name="app_password" type="password" autoComplete="off" /></label>
              <ErrorBox error={add.error} />
              <button type="submit" disabled={add.busy}>Connect</button>
            </form>
          </section>
        )
      )}
      {canWrite && (
        <section aria-labelledby="key-h">
          <h2 id="key-h">Site key for the IGNY8 plugin</h2>
          <p>A new key replaces the previous one. It is shown only once: copy it into the plugin's settings.</p>
          <button className="secondary" onClick={async () => {
            const r = await act.run(() => ok(api.POST("/api/v1/integration/integrations/generate-api-key/", { body: { site_id: siteId } })));
            if (r) setKey(r.data.api_key);
          }}>Generate a site key</button>
          {key && (
            <div className="notice" role="status">
              <p>Your site key (shown once):</p>
              <p className="key" data-testid="site-key">{key}</p>
            </div>
          )}
        </section>
      )}
      <PublishingSettings siteId={siteId} canWrite={canWrite} />
    </>
  );
}
