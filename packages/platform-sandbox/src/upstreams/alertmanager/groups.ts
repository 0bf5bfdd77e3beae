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

import { groupLabels } from './routing';

type Labels = Record<string, string>;

/** Prometheus's LabelSet.Before: fewer labels first, then by sorted names and values. */
export function labelSetBefore(a: Labels, b: Labels): boolean {
  const [na, nb] = [Object.keys(a).length, Object.keys(b).length];
  if (na !== nb) return na < nb;
  for (const name of [...Object.keys(a), ...Object.keys(b)].sort()) {
    if (!(name in a)) return true;
    if (!(name in b)) return false;
    if (a[name] !== b[name]) return a[name] < b[name];
  }
  return false;
}

/** Alertmanager's AlertSlice order: by `job`, then `instance` (an alert with one first), then label set. */
function alertBefore(a: Labels, b: Labels): boolean {
  for (const key of ['job', 'instance']) {
    const [x, y] = [a[key], b[key]];
    if (x === undefined && y === undefined) continue;
    if (x === undefined) return false;
    if (y === undefined) return true;
    if (x !== y) return x < y;
  }
  return labelSetBefore(a, b);
}

const order =
  <T>(before: (x: T, y: T) => boolean) =>
  (x: T, y: T) => {
    if (before(x, y)) return -1;
    return before(y, x) ? 1 : 0;
  };
const byText = order<string>((x, y) => x < y);

interface Listed {
  labels: Labels;
  receivers: Array<{ name: string }>;
}

/**
 * GET /alerts/groups from the alerts the query kept: one group per receiver
 * and `group_by` labels, groups ordered by labels then receiver, alerts
 * inside each in AlertSlice order; groups left empty are not listed.
 */
export function sortedGroups<A extends Listed>(alerts: A[]) {
  const groups = new Map<
    string,
    { alerts: A[]; labels: Labels; receiver: { name: string } }
  >();
  for (const alert of alerts) {
    const labels = groupLabels(alert.labels);
    const receiver = alert.receivers[0];
    const key = JSON.stringify([receiver.name, Object.entries(labels).sort()]);
    const group = groups.get(key) ?? { alerts: [], labels, receiver };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  for (const group of list)
    group.alerts.sort(order<A>((x, y) => alertBefore(x.labels, y.labels)));
  return list.sort((x, y) => {
    const same =
      JSON.stringify(Object.entries(x.labels).sort()) ===
      JSON.stringify(Object.entries(y.labels).sort());
    if (same) return byText(x.receiver.name, y.receiver.name);
    return order<Labels>(labelSetBefore)(x.labels, y.labels);
  });
}
