import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, ok } from "./api/client";
import type { Sector, Site } from "./api/types";
import { useSession } from "./session";

interface SiteState {
  sites: Site[];
  site: Site | null;
  sectors: Sector[];
  loaded: boolean;
  select: (id: number) => void;
  reload: () => Promise<void>;
}

const Ctx = createContext<SiteState>({
  sites: [],
  site: null,
  sectors: [],
  loaded: false,
  select: () => {},
  reload: async () => {},
});

/** The account's sites and the active one (with its active sectors), for every screen. */
export function SiteProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const [sites, setSites] = useState<Site[]>([]);
  const [siteId, setSiteId] = useState<number | null>(null);
  const [sectors, setSectors] = useState<Sector[]>([]);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(async () => {
    if (!user) return;
    const r = await ok(api.GET("/api/v1/auth/sites/", { params: { query: { page_size: 200 } } }));
    setSites(r.results);
    setSiteId((cur) => (cur && r.results.some((s) => s.id === cur) ? cur : (r.results[0]?.id ?? null)));
    setLoaded(true);
  }, [user]);

  useEffect(() => {
    reload().catch(() => setLoaded(true));
  }, [reload]);

  useEffect(() => {
    if (!siteId) {
      setSectors([]);
      return;
    }
    ok(api.GET("/api/v1/auth/sites/{id}/sectors/", { params: { path: { id: siteId } } }))
      .then((r) => setSectors((r.results ?? []).filter((s) => s.is_active)))
      .catch(() => setSectors([]));
  }, [siteId, sites]);

  const site = sites.find((s) => s.id === siteId) ?? null;
  return (
    <Ctx.Provider value={{ sites, site, sectors, loaded, select: setSiteId, reload }}>{children}</Ctx.Provider>
  );
}

export function useSite(): SiteState {
  return useContext(Ctx);
}
