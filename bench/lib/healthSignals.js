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

// The platform:health signals an open page hears: the guest signs in, and a
// WebSocket to the signals backend subscribes to the channel, as the
// frontend's signal API does.
const CHANNEL = 'platform:health';

/** A user token from the guest sign-in (the signals backend serves users only). */
async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
    signal: AbortSignal.timeout(30000),
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const body = await res.json();
  const token = body?.backstageIdentity?.token;
  if (!token) throw new Error('guest sign-in gave no token');
  return token;
}

/**
 * Subscribes to platform:health; `next(cluster, layer)` resolves with the
 * arrival time (ms since the epoch) and the message of the first signal
 * after the call that names that layer of that cluster.
 */
async function openHealthSignals(baseUrl, { timeoutMs = 30000 } = {}) {
  const token = await guestToken(baseUrl);
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/signals`;
  const socket = new WebSocket(url, [token]);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the signals WebSocket did not open in time')),
      timeoutMs,
    );
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error('the signals WebSocket failed to open'));
    });
  });
  socket.send(JSON.stringify({ action: 'subscribe', channel: CHANNEL }));
  const waiting = new Set();
  socket.addEventListener('message', event => {
    const at = Date.now();
    let data;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (data?.channel !== CHANNEL) return;
    for (const waiter of [...waiting]) {
      const change = data.message?.changes?.find(c => c.layer === waiter.layer);
      if (data.message?.cluster === waiter.cluster && change) {
        waiting.delete(waiter);
        waiter.resolve({ at, change });
      }
    }
  });
  return {
    next(cluster, layer) {
      let waiter;
      const promise = new Promise(resolve => {
        waiter = { cluster, layer, resolve };
      });
      waiting.add(waiter);
      return {
        promise,
        cancel: () => {
          waiting.delete(waiter);
          waiter.resolve(null);
        },
      };
    },
    close: () => socket.close(),
  };
}

module.exports = { openHealthSignals, CHANNEL };
