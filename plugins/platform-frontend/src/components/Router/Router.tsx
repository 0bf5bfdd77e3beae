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

import { Route, Routes } from 'react-router-dom';
import { ClusterReadinessPage } from '../BuildOutReadiness';
import { ClusterHealthPage } from '../ClusterHealthPage';
import { FleetCertificatesPage } from '../FleetCertificatesPage';
import { FleetHealthPage } from '../FleetHealthPage';
import { FleetReadinessPage } from '../FleetReadinessPage';
import { FleetUpgradesPage } from '../FleetUpgradesPage';
import { ClusterUpgradesPage } from '../ClusterUpgrades';
import { LayerHealthPage } from '../LayerHealthPage';
import { RunbooksPage } from '../RunbooksPage';

/** The platform plugin's pages under its mount path. @public */
export function Router() {
  return (
    <Routes>
      <Route path="/" element={<FleetHealthPage />} />
      <Route path="/readiness" element={<FleetReadinessPage />} />
      <Route path="/upgrades" element={<FleetUpgradesPage />} />
      <Route
        path="/clusters/:cluster/upgrades"
        element={<ClusterUpgradesPage />}
      />
      <Route path="/certificates" element={<FleetCertificatesPage />} />
      <Route path="/runbooks" element={<RunbooksPage />} />
      <Route path="/clusters/:cluster" element={<ClusterHealthPage />} />
      <Route
        path="/clusters/:cluster/readiness"
        element={<ClusterReadinessPage />}
      />
      <Route
        path="/clusters/:cluster/layers/:layer"
        element={<LayerHealthPage />}
      />
    </Routes>
  );
}
