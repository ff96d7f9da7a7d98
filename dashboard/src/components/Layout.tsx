import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import { visibleSections } from '../modules';
import { useWorkspace } from '../workspace';

/** The signed-in frame: brand header, navigation of the tenant's modules, the page. */
export function Layout() {
  const { me } = useWorkspace();
  const { signOut } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = visibleSections(me.tenant.enabledModules);
  const branding = me.tenant.branding;

  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">Menu</span>
        </button>
        <div className="brand" data-testid="brand">
          {branding.logoUrl ? (
            <img className="brand-logo" src={branding.logoUrl} alt="" />
          ) : (
            <span className="brand-mark" aria-hidden="true" />
          )}
          <span className="brand-name">{branding.displayName}</span>
        </div>
        <div className="topbar-user">
          <span className="user-name" title={me.email}>
            {me.name}
          </span>
          <button type="button" className="btn btn-ghost" onClick={() => signOut('signed-out')}>
            Log out
          </button>
        </div>
      </header>
      <nav id="main-nav" className={`sidebar ${menuOpen ? 'open' : ''}`} aria-label="Main">
        <ul>
          {sections.map((section) => (
            <li key={section.path}>
              <NavLink to={section.path} end={section.path === '/'} className={({ isActive }) => (isActive ? 'active' : undefined)}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="sidebar-plan">
          {me.tenant.name} · {me.tenant.plan === 'FREE' ? 'Free plan' : 'Business plan'}
        </p>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
