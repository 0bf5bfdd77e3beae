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

import { SignalApi } from '@backstage/plugin-signals-react';

type Listener = (message: any) => void;

/**
 * A signal API a test publishes on, as the signals backend would push a
 * message to every subscriber of its channel.
 */
export class TestSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<Listener>>();

  subscribe: SignalApi['subscribe'] = (channel, onMessage) => {
    const listeners = this.subscribers.get(channel) ?? new Set<Listener>();
    listeners.add(onMessage);
    this.subscribers.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(onMessage) };
  };

  /** Subscribers of `channel` now. */
  subscriberCount(channel: string): number {
    return this.subscribers.get(channel)?.size ?? 0;
  }

  publish(channel: string, message: object): void {
    for (const listener of this.subscribers.get(channel) ?? []) {
      listener(message);
    }
  }
}
