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

import { useEffect, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  HEALTH_SIGNAL_CHANNEL,
  HealthSignal,
} from '@platform-portal/plugin-platform-common';

/**
 * A number that grows each time the backend announces a stored verdict
 * change that concerns this page (every cluster when `cluster` is absent,
 * and only `layer` when given): pages put it in their data hook's
 * dependencies and reload then, instead of polling.
 */
export function useHealthChanges(filter?: {
  cluster?: string;
  layer?: string;
}): number {
  const { lastSignal } = useSignal<HealthSignal & Record<string, any>>(
    HEALTH_SIGNAL_CHANNEL,
  );
  const [generation, setGeneration] = useState(0);
  const cluster = filter?.cluster;
  const layer = filter?.layer;
  useEffect(() => {
    if (!lastSignal) return;
    if (cluster && lastSignal.cluster !== cluster) return;
    if (layer && !lastSignal.changes?.some(c => c.layer === layer)) return;
    setGeneration(g => g + 1);
  }, [lastSignal, cluster, layer]);
  return generation;
}
