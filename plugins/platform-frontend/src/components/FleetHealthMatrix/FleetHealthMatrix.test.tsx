/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { fleetHealth } from '../../__testUtils__/fleetFixtures';
import { rootRouteRef } from '../../routes';
import { FleetHealthMatrix } from './FleetHealthMatrix';

const health = fleetHealth([
  { name: 'prod-eu-1' },
  { name: 'staging-1', verdicts: { hardware: 'critical' } },
  { name: 'prod-eu-2', verdicts: { security: 'warning' } },
]);

/** Shows where the app is, so a test can read the filters from the address. */
function Address() {
  const location = useLocation();
  return <output aria-label="address">{location.search}</output>;
}

async function renderMatrix(route: string) {
  return renderInTestApp(
    <Routes>
      <Route
        path="/platform"
        element={
          <>
            <FleetHealthMatrix health={health} clusters={[]} />
            <Address />
          </>
        }
      />
    </Routes>,
    { routeEntries: [route], mountedRoutes: { '/platform': rootRouteRef } },
  );
}

const clusterNames = () =>
  within(screen.getByRole('table', { name: 'Fleet health matrix' }))
    .getAllByRole('rowheader')
    .map(cell => within(cell).getByRole('link').textContent);

describe('FleetHealthMatrix', () => {
  it('reads its filters from the address, so a shared link or Back shows the same view', async () => {
    await renderMatrix('/platform?problems=1');
    expect(
      screen.getByRole('checkbox', { name: 'Only problems' }),
    ).toBeChecked();
    expect(clusterNames()).toEqual(['staging-1', 'prod-eu-2']);
  });

  it('writes a changed filter into the address', async () => {
    await renderMatrix('/platform');
    expect(clusterNames()).toEqual(['staging-1', 'prod-eu-2', 'prod-eu-1']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only problems' }));
    expect(screen.getByRole('status', { name: 'address' }).textContent).toBe(
      '?problems=1',
    );
    expect(clusterNames()).toEqual(['staging-1', 'prod-eu-2']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only problems' }));
    expect(screen.getByRole('status', { name: 'address' }).textContent).toBe(
      '',
    );
  });

  it('is one Tab stop: the first cell, then whichever cell the arrow keys reached', async () => {
    await renderMatrix('/platform');
    const table = screen.getByRole('table', { name: 'Fleet health matrix' });
    const tabbable = () =>
      [...table.querySelectorAll<HTMLElement>('a')].filter(
        a => a.tabIndex === 0,
      );
    expect(tabbable().map(a => a.textContent)).toEqual(['staging-1']);
    const first = tabbable()[0];
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(tabbable()).toHaveLength(1);
    expect(tabbable()[0]).toBe(document.activeElement);
    expect(tabbable()[0].getAttribute('aria-label')).toMatch(/^staging-1 /);
    expect(
      [...table.querySelectorAll('a')].filter(a => a.tabIndex === -1).length,
    ).toBeGreaterThan(30);
  });
});
