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

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};
const DECIMAL: Record<string, number> = {
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};

/** Bytes of a Kubernetes quantity ("16777216Ki", "8Gi", "500M"), or undefined. */
export function quantityBytes(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(
    quantity.trim(),
  );
  if (!match) return undefined;
  const [, number, suffix] = match;
  const factor = suffix ? BINARY[suffix] ?? DECIMAL[suffix] : 1;
  return Number(number) * factor;
}

/**
 * A memory or disk quantity in the binary unit that reads best:
 * "16777216Ki" → "16 GiB", "1536Mi" → "1.5 GiB". What it cannot parse it
 * returns as given.
 */
export function formatBytes(quantity: string | undefined): string {
  if (quantity === undefined || quantity === '') return '—';
  const bytes = quantityBytes(quantity);
  if (bytes === undefined) return quantity;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded =
    value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}
