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

import { KubeObject } from './objects';
import { validateJobStatusUpdate } from './jobStatus';

const AT = '2026-01-01T00:00:00Z';

function job(status: Record<string, unknown> | undefined): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'snapshot', namespace: 'kube-system' }, spec: {}, ...(status ? { status } : {}) };
}

function finished(conditions: string[], extra: Record<string, unknown> = {}) {
  return job({ startTime: AT, completionTime: AT, succeeded: 1, conditions: conditions.map(type => ({ type, status: 'True', lastTransitionTime: AT })), ...extra });
}

describe('a Job status write, as kube-apiserver 1.37 validates it', () => {
  it('refuses Complete without SuccessCriteriaMet, and takes it with', () => {
    expect(validateJobStatusUpdate(finished(['Complete']), job(undefined))).toEqual([
      { reason: 'FieldValueInvalid', field: 'status.conditions', message: 'Invalid value: cannot set Complete=True condition without the SuccessCriteriaMet=true condition' },
    ]);
    expect(validateJobStatusUpdate(finished(['SuccessCriteriaMet', 'Complete']), job(undefined))).toEqual([]);
  });

  it('refuses Failed without FailureTarget and a finished Job without its times', () => {
    const failed = job({ failed: 3, conditions: [{ type: 'Failed', status: 'True' }] });
    expect(validateJobStatusUpdate(failed, job(undefined)).map(c => `${c.field}: ${c.message}`)).toEqual([
      'status.conditions: Invalid value: cannot set Failed=True condition without the FailureTarget=true condition',
      'status.startTime: Required value: startTime is required for finished job',
    ]);
    const noCompletion = finished(['SuccessCriteriaMet', 'Complete'], { completionTime: undefined });
    expect(validateJobStatusUpdate(noCompletion, job(undefined)).map(c => c.field)).toEqual(['status.completionTime']);
    const early = finished(['SuccessCriteriaMet', 'Complete'], { completionTime: '2025-12-31T23:59:59Z' });
    expect(validateJobStatusUpdate(early, job(undefined))[0].message).toBe('Invalid value: "2025-12-31T23:59:59Z": must be equal to or after `startTime`');
  });

  it('keeps what a finished Job recorded, and lets an old status stand when a write leaves it alone', () => {
    const done = finished(['SuccessCriteriaMet', 'Complete']);
    expect(validateJobStatusUpdate(job({ startTime: AT, succeeded: 1, conditions: [] }), done).map(c => c.message)).toEqual([
      'Invalid value: cannot disable the terminal Complete=True condition',
      'Invalid value: cannot disable the SuccessCriteriaMet=True condition',
    ]);
    // Written before the rule, Complete alone stays writable as long as the write keeps it.
    const old = finished(['Complete']);
    expect(validateJobStatusUpdate(finished(['Complete'], { active: 0 }), old)).toEqual([]);
  });
});
