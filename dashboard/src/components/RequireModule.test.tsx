import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage } from '../test/render';
import { RequireModule } from './RequireModule';

describe('RequireModule', () => {
  it('shows its children when the tenant has the module', () => {
    renderPage(
      <RequireModule module="FLEET">
        <p>The fleet page</p>
      </RequireModule>,
    );
    expect(screen.getByText('The fleet page')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /is not enabled/ })).toBeNull();
  });

  it('tells an owner the module is not enabled and how to turn it on', () => {
    renderPage(
      <RequireModule module="POS">
        <p>The till</p>
      </RequireModule>,
      { me: fakeMe({ modules: ['CRM', 'INVOICING', 'BOOKING'], plan: 'FREE', role: 'OWNER' }) },
    );
    expect(screen.queryByText('The till')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Point of sale is not enabled' })).toBeTruthy();
    const region = screen.getByRole('region', { name: 'Point of sale is not enabled' });
    expect(region.textContent).toContain("The Point of sale module is not part of Northwind's Free plan");
    expect(region.textContent).toContain('Upgrade to the Business plan to turn it on.');
    expect(region.textContent).not.toContain('Ask your workspace owner');
    expect(screen.getByRole('link', { name: 'Back to the overview' }).getAttribute('href')).toBe('/');
  });

  it('tells a member to ask the owner, with the section’s description', () => {
    renderPage(
      <RequireModule module="HR">
        <p>Employees</p>
      </RequireModule>,
      { me: fakeMe({ modules: ['CRM'], role: 'MEMBER', plan: 'BUSINESS' }) },
    );
    expect(screen.getByRole('heading', { name: 'HR is not enabled' })).toBeTruthy();
    const text = screen.getByRole('region', { name: 'HR is not enabled' }).textContent ?? '';
    expect(text).toContain('Your team, departments and leave.');
    expect(text).toContain("Northwind's current plan");
    expect(text).toContain('Ask your workspace owner about upgrading.');
    expect(text).not.toContain('Upgrade to the Business plan');
  });
});
