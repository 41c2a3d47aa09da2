import { useState, type FormEvent } from "react";
import { api, ok } from "../api/client";
import type { Site } from "../api/types";
import { useSession } from "../session";
import { useSite } from "../site";
import { ErrorBox, fieldError, useAction, useAnnounce, useLoad } from "../ui";

function SectorPicker({ site }: { site: Site }) {
  const { canWrite } = useSession();
  const { sectors, reload } = useSite();
  const industries = useLoad(() => ok(api.GET("/api/v1/auth/industries/")), []);
  const list = industries.data?.results ?? [];
  const [industry, setIndustry] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, busy, run } = useAction();
  const announce = useAnnounce();
  const ind = list.find((i) => i.slug === industry);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      ok(api.POST("/api/v1/auth/sites/{id}/select_sectors/", {
        params: { path: { id: site.id } },
        body: { industry_slug: industry, sector_slugs: chosen },
      })),
    );
    if (r) {
      announce("Sectors saved");
      await reload();
    }
  };
  return (
    <section aria-labelledby="sectors-h">
      <h2 id="sectors-h">Sectors of {site.name}</h2>
      {sectors.length > 0 ? (
        <ul data-testid="active-sectors">{sectors.map((s) => <li key={s.id}>{s.name}</li>)}</ul>
      ) : (
        <p className="muted">No sectors yet.</p>
      )}
      {canWrite && (
        <form onSubmit={save}>
          <div className="row">
            <label>
              Industry
              <select value={industry} onChange={(e) => { setIndustry(e.target.value); setChosen([]); }}>
                <option value="">Choose…</option>
                {list.map((i) => <option key={i.slug} value={i.slug}>{i.name}</option>)}
              </select>
            </label>
          </div>
          {ind && (
            <fieldset>
              <legend>Sectors (up to 5)</legend>
              {ind.sectors.map((s) => (
                <label key={s.slug}>
                  <input type="checkbox" checked={chosen.includes(s.slug)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, s.slug] : chosen.filter((x) => x !== s.slug))} />{" "}
                  {s.name}{" "}
                </label>
              ))}
            </fieldset>
          )}
          <ErrorBox error={error} />
          <button type="submit" disabled={busy || !industry || chosen.length === 0}>Save sectors</button>
        </form>
      )}
      <ErrorBox error={industries.error} />
    </section>
  );
}

export function Sites() {
  const { canWrite } = useSession();
  const { sites, site, select, reload, loaded } = useSite();
  const { error, busy, run } = useAction();
  const announce = useAnnounce();
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const domain = String(f.get("domain") ?? "").trim();
    const r = await run(() =>
      ok(api.POST("/api/v1/auth/sites/", { body: { name: String(f.get("name")), ...(domain ? { domain } : {}) } })),
    );
    if (r) {
      form.reset();
      announce(`Site ${r.data.name} created`);
      await reload();
      select(r.data.id);
    }
  };
  return (
    <>
      <h1>Sites</h1>
      {loaded && sites.length === 0 && <p>You have no site yet. Create one to start.</p>}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Your sites</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Domain</th><th scope="col">Active site</th></tr></thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{s.domain || "—"}</td>
                <td>{site?.id === s.id ? "Active" : <button className="secondary" onClick={() => select(s.id)}>Make active <span className="sr-only">{s.name}</span></button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canWrite && (
        <section aria-labelledby="new-site-h">
          <h2 id="new-site-h">New site</h2>
          <form className="stack" onSubmit={create}>
            <label htmlFor="site-name">Name<input id="site-name" name="name" required aria-describedby={fieldError(error, "name") ? "site-name-err" : undefined} />
              {fieldError(error, "name") && <span id="site-name-err" className="field-error">{fieldError(error, "name")}</span>}
            </label>
            <label htmlFor="site-domain">Domain (optional)<input id="site-domain" name="domain" placeholder="blog.example.com" />
              {fieldError(error, "domain") && <span className="field-error">{fieldError(error, "domain")}</span>}
            </label>
            <ErrorBox error={error} />
            <button type="submit" disabled={busy}>Create site</button>
          </form>
        </section>
      )}
      {site && <SectorPicker key={site.id} site={site} />}
    </>
  );
}
