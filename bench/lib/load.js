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

// Runs one load job in a forked load generator (lib/loadWorker.js) and
// samples the backend's RSS meanwhile.
const { fork } = require('node:child_process');
const path = require('node:path');
const { sampleRss } = require('./procStats');

function runLoad(job, { token, backendPid }) {
  const rss = backendPid ? sampleRss(backendPid) : undefined;
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'loadWorker.js'), [], {
      env: { ...process.env, PLATFORM_BENCH_TOKEN: token },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answered = false;
    child.on('message', message => {
      answered = true;
      const memory = rss?.stop();
      if (message.error) reject(new Error(`load generator: ${message.error}`));
      else
        resolve({
          ...message.result,
          ...(memory ? { backendRssPeakMb: memory.peakMb } : {}),
        });
    });
    child.on('exit', code => {
      if (!answered) {
        rss?.stop();
        reject(
          new Error(`load generator exited with ${code} before answering`),
        );
      }
    });
    child.send(job);
  });
}

module.exports = { runLoad };
