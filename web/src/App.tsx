import { lazy, Suspense, useEffect, useState } from 'react';
import { api, auth } from './api';
import { defaultFilters, type FilterState } from './components/Filters';
import { Overview } from './pages/Overview';
import { SignIn } from './pages/SignIn';

// The first page is in the entry chunk; the others load when first opened (their own chunks).
const Campaigns = lazy(() => import('./pages/Campaigns').then((m) => ({ default: m.Campaigns })));
const Compliance = lazy(() => import('./pages/Compliance').then((m) => ({ default: m.Compliance })));
const Inbox = lazy(() => import('./pages/Inbox').then((m) => ({ default: m.Inbox })));
const Leads = lazy(() => import('./pages/Leads').then((m) => ({ default: m.Leads })));
const Roi = lazy(() => import('./pages/Roi').then((m) => ({ default: m.Roi })));
const Settings = lazy(() => import('./pages/Settings').then((m) => ({ default: m.Settings })));

const PAGES = [
  ['overview', 'Overview'],
  ['campaigns', 'Campaigns'],
  ['inbox', 'Inbox'],
  ['leads', 'Leads'],
  ['roi', 'ROI'],
  ['compliance', 'Compliance'],
  ['settings', 'Settings'],
] as const;
type Page = (typeof PAGES)[number][0];

function currentRoute(): { page: Page; arg: string | null } {
  const [page, arg] = window.location.hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find(([p]) => p === page);
  return { page: known ? known[0] : 'overview', arg: arg ? decodeURIComponent(arg) : null };
}

export function App() {
  const [signedIn, setSignedIn] = useState(Boolean(auth.get()));
  const [route, setRoute] = useState(currentRoute());
  const [filters, setFilters] = useState<FilterState>(defaultFilters());
  const [business, setBusiness] = useState<string | null>(null);
  const [demo, setDemo] = useState(false);

  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    if (!signedIn) return;
    api<{ businessName: string; settings?: Record<string, unknown> }>('/v1/location').then(
      (l) => {
        setBusiness(l.businessName);
        // `curb demo` marks its location: everything on these pages is made up.
        setDemo(l.settings?.demo === true);
      },
      (e: { status?: number }) => {
        if (e.status === 401) {
          auth.clear();
          setSignedIn(false);
        }
      },
    );
  }, [signedIn]);

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const signOut = () => {
    auth.clear();
    setSignedIn(false);
  };
  return (
    <div className="shell">
      <nav className="nav" aria-label="pages">
        <div className="brand">
          Curb<span className="muted small">{business ? ` · ${business}` : ''}</span>
        </div>
        <ul>
          {PAGES.map(([p, label]) => (
            <li key={p}>
              <a href={`#/${p}`} className={route.page === p ? 'active' : undefined} aria-current={route.page === p ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <button type="button" className="ghost signout" onClick={signOut}>
          Sign out
        </button>
      </nav>
      <main className="main" data-testid={`page-${route.page}`}>
        {demo ? (
          <div className="demo-banner" role="note" data-testid="demo-banner">
            <strong>Demo data.</strong> Made-up owners and a simulated campaign from <code>curb demo</code>: nothing here was sent to
            anyone, and it is gone when the demo stops. Start your own Curb with <code>npx curb serve</code>.
          </div>
        ) : null}
        {route.page === 'overview' ? <Overview filters={filters} setFilters={setFilters} /> : null}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {route.page === 'campaigns' ? <Campaigns filters={filters} setFilters={setFilters} selected={route.arg} /> : null}
          {route.page === 'inbox' ? <Inbox selected={route.arg} /> : null}
          {route.page === 'leads' ? <Leads /> : null}
          {route.page === 'roi' ? <Roi filters={filters} setFilters={setFilters} /> : null}
          {route.page === 'compliance' ? <Compliance filters={filters} setFilters={setFilters} /> : null}
          {route.page === 'settings' ? <Settings onSignOut={signOut} /> : null}
        </Suspense>
      </main>
    </div>
  );
}
