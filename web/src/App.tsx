import { useEffect, useRef, type ReactNode } from "react";
import { Link, NavLink, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { logout } from "./api/client";
import { SessionProvider, useSession } from "./session";
import { SiteProvider, useSite } from "./site";
import { AnnouncerProvider } from "./ui";
import { ForgotPassword, Login, ResetPassword, Signup } from "./pages/Auth";
import { Sites } from "./pages/Sites";
import { Keywords } from "./pages/Keywords";
import { Clusters, Ideas } from "./pages/Planner";
import { ContentDetail, ContentList, Tasks } from "./pages/Writer";
import { Automation } from "./pages/Automation";
import { Integration } from "./pages/Integration";
import { Billing } from "./pages/Billing";

const NAV: [string, string][] = [
  ["/sites", "Sites"],
  ["/keywords", "Keywords"],
  ["/clusters", "Clusters"],
  ["/ideas", "Ideas"],
  ["/tasks", "Tasks"],
  ["/content", "Content"],
  ["/automation", "Automation"],
  ["/integration", "WordPress"],
  ["/billing", "Billing"],
];

function SiteSwitcher() {
  const { sites, site, select } = useSite();
  if (sites.length === 0) return null;
  return (
    <label>
      Active site{" "}
      <select value={site?.id ?? ""} onChange={(e) => select(Number(e.target.value))}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const loc = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // A new screen: move focus to its content so keyboard and screen-reader users start there.
    mainRef.current?.focus({ preventScroll: true });
  }, [loc.pathname]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link className="brand" to="/sites">
          IGNY8
        </Link>
        <SiteSwitcher />
        <span>
          {user?.email} ({user?.role}){" "}
          <button
            className="secondary"
            onClick={async () => {
              await logout();
              navigate("/login");
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <div className="layout">
        <nav className="side" aria-label="Main">
          <ul>
            {NAV.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to}>{label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} ref={mainRef}>
          {children}
        </main>
      </div>
    </>
  );
}

/** The signed-in layout: one shell and one site state for every screen (kept across navigation). */
function Private() {
  const { user, ready } = useSession();
  const loc = useLocation();
  if (!ready) return <p role="status">Loading…</p>;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return (
    <SiteProvider>
      <Shell>
        <Outlet />
      </Shell>
    </SiteProvider>
  );
}

function Public({ children }: { children: ReactNode }) {
  return <main className="auth-page">{children}</main>;
}

export function App() {
  return (
    <SessionProvider>
      <AnnouncerProvider>
        <Routes>
          <Route path="/login" element={<Public><Login /></Public>} />
          <Route path="/signup" element={<Public><Signup /></Public>} />
          <Route path="/forgot-password" element={<Public><ForgotPassword /></Public>} />
          <Route path="/reset-password" element={<Public><ResetPassword /></Public>} />
          <Route path="/" element={<Navigate to="/sites" replace />} />
          <Route element={<Private />}>
          <Route path="/sites" element={<Sites />} />
          <Route path="/keywords" element={<Keywords />} />
          <Route path="/clusters" element={<Clusters />} />
          <Route path="/ideas" element={<Ideas />} />
          <Route path="/tasks" element={<Tasks />} />
          <Route path="/content" element={<ContentList />} />
          <Route path="/content/:id" element={<ContentDetail />} />
          <Route path="/automation" element={<Automation />} />
          <Route path="/integration" element={<Integration />} />
          <Route path="/billing" element={<Billing />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </AnnouncerProvider>
    </SessionProvider>
  );
}

function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>There is nothing here. It may have been deleted, or it is not in your account.</p>
    </>
  );
}
