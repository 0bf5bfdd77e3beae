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

/** Prometheus/Mimir details the sandbox decides, kept in one place. */

/**
 * Longhorn metric format: the platform runs Longhorn 1.9, before v1.11 added
 * the `state` label, so robustness is a number: 0 unknown, 1 healthy,
 * 2 degraded, 3 faulted.
 */
export const LONGHORN_ROBUSTNESS = { unknown: 0, healthy: 1, degraded: 2, faulted: 3 } as const;

/** Scrape interval of the simulated series (raw samples in range selectors). */
export const SCRAPE_INTERVAL_MS = 15_000;

/** Prometheus's limit on points per series in a range query. */
export const MAX_POINTS = 11_000;

/** Days a certificate stays valid; renewal is due 30 days before the end. */
export const CERT_LIFETIME_DAYS = 90;
