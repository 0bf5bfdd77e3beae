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

import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/** A user of the directory behind the provider. */
export interface DirectoryUser {
  email: string;
  name: string;
  groups: string[];
}

/** A running {@link ./dexLikeProvider.mjs} process. */
export interface DexLikeProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Starts the Dex-like OpenID provider on loopback in its own process. */
export async function startDexLikeProvider(options: {
  clientId: string;
  clientSecret: string;
  users: Record<string, DirectoryUser>;
}): Promise<DexLikeProvider> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, 'dexLikeProvider.mjs'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', line => resolve(JSON.parse(line).issuer));
    child.once('exit', code =>
      reject(new Error(`OpenID provider exited with ${code}: ${stderr}`)),
    );
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
