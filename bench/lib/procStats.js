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

// What the kernel says about a process: resident memory, and its TCP
// connections to a port (the sandbox's), from /proc (Linux).
const fs = require('node:fs');

function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

function socketInodes(pid) {
  const inodes = new Set();
  let fds = [];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(
        fs.readlinkSync(`/proc/${pid}/fd/${fd}`),
      );
      if (m) inodes.add(m[1]);
    } catch {
      // closed while reading
    }
  }
  return inodes;
}

/** Open TCP connections (any state but LISTEN) the process holds to remotePort. */
function connectionsTo(pid, remotePort) {
  const inodes = socketInodes(pid);
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines = [];
    try {
      lines = fs.readFileSync(table, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      const remote = parseInt(cols[2].split(':')[1], 16);
      const state = cols[3];
      if (remote === remotePort && state !== '0A' && inodes.has(cols[9]))
        count += 1;
    }
  }
  return count;
}

/** Samples RSS every intervalMs until stopped; returns the peak and last sample. */
function sampleRss(pid, intervalMs = 500) {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid) ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakMb: peak, lastMb: rssMb(pid) };
    },
  };
}

module.exports = { rssMb, connectionsTo, sampleRss };
