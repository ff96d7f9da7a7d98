import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ModuleKey } from '../generated/graphql';
import { MODULE_NAMES, SECTIONS } from '../modules';
import { useWorkspace } from '../workspace';

/** Shows `children` when the tenant has `module`; otherwise says so (the page's direct URL included). */
export function RequireModule({ module, children }: { module: ModuleKey; children: ReactNode }) {
  const { enabled, me } = useWorkspace();
  if (enabled(module)) return <>{children}</>;
  const sections = SECTIONS.filter((section) => section.module === module);
  return (
    <div className="module-disabled" role="region" aria-labelledby="module-disabled-title">
      <h1 id="module-disabled-title">{MODULE_NAMES[module]} is not enabled</h1>
      <p>
        {sections[0]?.about ?? ''} The {MODULE_NAMES[module]} module is not part of {me.tenant.name}
        {"'"}s {me.tenant.plan === 'FREE' ? 'Free' : 'current'} plan, so this page is unavailable.
        {me.role === 'OWNER' ? ' Upgrade to the Business plan to turn it on.' : ' Ask your workspace owner about upgrading.'}
      </p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </div>
  );
}
