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

// The sandbox's control API (packages/platform-sandbox README, "Control API").
async function call(controlUrl, method, path, body) {
  const res = await fetch(`${controlUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30000),
  });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`sandbox control ${method} ${path}: ${res.status} ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

function sandboxControl(controlUrl) {
  return {
    clusters: async () => (await call(controlUrl, 'GET', '/clusters')).clusters,
    setBehaviour: behaviour =>
      call(controlUrl, 'POST', '/behaviour', behaviour),
    resetBehaviour: () => call(controlUrl, 'DELETE', '/behaviour'),
    counters: () => call(controlUrl, 'GET', '/counters'),
    resetCounters: () => call(controlUrl, 'DELETE', '/counters'),
    injectFault: fault => call(controlUrl, 'POST', '/faults', fault),
    clearFaults: cluster =>
      call(
        controlUrl,
        'DELETE',
        `/faults?cluster=${encodeURIComponent(cluster)}`,
      ),
  };
}

module.exports = { sandboxControl };
