import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { onSession, refresh, type SessionUser } from "./api/client";

interface SessionState {
  user: SessionUser | null;
  ready: boolean;
  canWrite: boolean;
  isAdmin: boolean;
}

const Ctx = createContext<SessionState>({ user: null, ready: false, canWrite: false, isAdmin: false });

/** The signed-in user; on load the session is restored from the refresh cookie. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const off = onSession(setUser);
    refresh().finally(() => setReady(true));
    return () => {
      off();
    };
  }, []);
  const canWrite = !!user && user.role !== "viewer";
  const isAdmin = !!user && (user.role === "owner" || user.role === "admin");
  return <Ctx.Provider value={{ user, ready, canWrite, isAdmin }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  return useContext(Ctx);
}
