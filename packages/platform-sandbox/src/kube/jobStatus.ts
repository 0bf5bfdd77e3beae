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

import { isPlainObject, JsonObject, KubeObject } from './objects';
import { StatusCause } from './status';
import { invalidValue, requiredValue } from './validation';

/*
 * A Job status write as kube-apiserver 1.37 validates it
 * (pkg/apis/batch/validation ValidateJobStatusUpdate, with the options
 * pkg/registry/batch/job's status strategy sets): most rules apply only
 * when the fields they read change, so an old status stays writable.
 */

interface JobCondition {
  type: string;
  status: string;
}

interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: JobCondition[];
}

function statusOf(job: KubeObject | undefined): JobStatus {
  return (isPlainObject(job?.status) ? job!.status : {}) as JobStatus;
}

function isTrue(status: JobStatus, type: string): boolean {
  return (status.conditions ?? []).some(c => c.type === type && c.status === 'True');
}

const finished = (s: JobStatus) => isTrue(s, 'Complete') || isTrue(s, 'Failed');

/** field.Invalid with an omitted value: the message names no value. */
function invalidOmitted(field: string, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${detail}`, field };
}

export function validateJobStatusUpdate(job: KubeObject, previous: KubeObject): StatusCause[] {
  const s = statusOf(job);
  const old = statusOf(previous);
  const changed = (read: (x: JobStatus) => unknown) => read(s) !== read(old);
  const complete = isTrue(s, 'Complete');
  const failed = isTrue(s, 'Failed');
  const failureTarget = isTrue(s, 'FailureTarget');
  const criteriaMet = isTrue(s, 'SuccessCriteriaMet');
  const completeChanged = changed(x => isTrue(x, 'Complete'));
  const failedChanged = changed(x => isTrue(x, 'Failed'));
  const finishedChanged = changed(finished);
  const startChanged = changed(x => x.startTime);
  const completionChanged = changed(x => x.completionTime);
  const activeChanged = changed(x => x.active ?? 0);
  const causes: StatusCause[] = [];
  for (const field of ['active', 'succeeded', 'failed', 'ready'] as const) {
    const value = s[field];
    if (typeof value === 'number' && value < 0) causes.push(invalidValue(`status.${field}`, value, 'must be greater than or equal to 0'));
  }
  if ((completeChanged || failedChanged) && complete && failed) causes.push(invalidOmitted('status.conditions', 'cannot set Complete=True and Failed=true conditions'));
  if ((completeChanged || changed(x => isTrue(x, 'FailureTarget'))) && complete && failureTarget) causes.push(invalidOmitted('status.conditions', 'cannot set Complete=True and FailureTarget=true conditions'));
  if ((completeChanged || completionChanged) && s.completionTime && !complete) causes.push(invalidValue('status.completionTime', s.completionTime, 'cannot set completionTime when there is no Complete=True condition'));
  if ((completeChanged || completionChanged) && !s.completionTime && complete) causes.push(requiredValue('status.completionTime', 'completionTime is required for Complete jobs'));
  if ((startChanged || completionChanged) && s.startTime && s.completionTime && Date.parse(s.completionTime) < Date.parse(s.startTime)) {
    causes.push(invalidValue('status.completionTime', s.completionTime, 'must be equal to or after `startTime`'));
  }
  if (failedChanged && failed && !failureTarget) causes.push(invalidOmitted('status.conditions', 'cannot set Failed=True condition without the FailureTarget=true condition'));
  if ((completeChanged || changed(x => isTrue(x, 'SuccessCriteriaMet'))) && complete && !criteriaMet) {
    causes.push(invalidOmitted('status.conditions', 'cannot set Complete=True condition without the SuccessCriteriaMet=true condition'));
  }
  if ((finishedChanged || activeChanged) && (s.active ?? 0) > 0 && finished(s)) causes.push(invalidValue('status.active', s.active, 'active>0 is invalid for finished job'));
  if ((finishedChanged || startChanged) && !s.startTime && finished(s)) causes.push(requiredValue('status.startTime', 'startTime is required for finished job'));
  if ((changed(x => x.ready) || activeChanged) && typeof s.ready === 'number' && s.ready > (s.active ?? 0)) causes.push(invalidValue('status.ready', s.ready, 'cannot set more ready pods than active'));
  if (criteriaMet && failed) causes.push(invalidOmitted('status.conditions', 'cannot set SuccessCriteriaMet=True and Failed=true conditions'));
  if (criteriaMet && failureTarget) causes.push(invalidOmitted('status.conditions', 'cannot set SuccessCriteriaMet=True and FailureTarget=true conditions'));
  // The update rules: what a finished Job recorded stays.
  for (const type of ['Failed', 'Complete', 'FailureTarget']) {
    if (isTrue(old, type) && !isTrue(s, type)) causes.push(invalidOmitted('status.conditions', `cannot disable the terminal ${type}=True condition`));
  }
  if ((s.failed ?? 0) < (old.failed ?? 0)) causes.push(invalidValue('status.failed', s.failed ?? 0, 'cannot decrease the failed counter'));
  if (!isIndexedWithEqualParallelism(job) && (s.succeeded ?? 0) < (old.succeeded ?? 0)) causes.push(invalidValue('status.succeeded', s.succeeded ?? 0, 'cannot decrease the succeeded counter'));
  if (s.completionTime && old.completionTime && Date.parse(s.completionTime) !== Date.parse(old.completionTime)) causes.push(invalidValue('status.completionTime', s.completionTime, 'field is immutable'));
  if (startChanged && old.startTime && !(job.spec as JsonObject | undefined)?.suspend) causes.push(invalidValue('status.startTime', s.startTime ?? null, 'field is immutable for unsuspended job once set'));
  if (isTrue(old, 'SuccessCriteriaMet') && !criteriaMet) causes.push(invalidOmitted('status.conditions', 'cannot disable the SuccessCriteriaMet=True condition'));
  if (isTrue(old, 'Complete') && !isTrue(old, 'SuccessCriteriaMet') && criteriaMet) causes.push(invalidOmitted('status.conditions', 'cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions'));
  return causes;
}

/** Indexed Jobs with completions equal to parallelism may be scaled down, and their succeeded count with them. */
function isIndexedWithEqualParallelism(job: KubeObject): boolean {
  const spec = (job.spec ?? {}) as { completionMode?: string; completions?: number; parallelism?: number };
  return spec.completionMode === 'Indexed' && spec.completions === spec.parallelism;
}
