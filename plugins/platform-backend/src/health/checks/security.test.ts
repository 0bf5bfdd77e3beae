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

import { checkContext } from '../../__testUtils__/checkContext';
import { securityChecks } from './security';

const certificates = securityChecks.find(
  c => c.id === 'security.certificates',
)!;
const now = new Date('2026-11-26T12:00:00Z');

function certificate(status: Record<string, unknown>, ready = 'True') {
  return {
    kind: 'Certificate',
    metadata: { name: 'api-tls', namespace: 'payments' },
    status: { conditions: [{ type: 'Ready', status: ready }], ...status },
  };
}

describe('security.certificates', () => {
  it('is ok before the renewal time', async () => {
    const result = await certificates.run(
      checkContext(
        {
          Certificate: [
            certificate({
              renewalTime: '2026-12-20T00:00:00Z',
              notAfter: '2027-01-19T00:00:00Z',
            }),
          ],
        },
        { now },
      ),
    );
    expect(result.verdict).toBe('ok');
  });

  it('warns when the renewal time has passed and it is still not renewed', async () => {
    const result = await certificates.run(
      checkContext(
        {
          Certificate: [
            certificate({
              renewalTime: '2026-11-06T00:00:00Z',
              notAfter: '2026-12-06T00:00:00Z',
              conditions: [
                { type: 'Ready', status: 'True' },
                { type: 'Issuing', status: 'False', reason: 'Failed' },
              ],
            }),
          ],
        },
        { now },
      ),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence[0].object).toBe('Certificate/payments/api-tls');
    expect(result.evidence[0].value).toContain('Issuing False (Failed)');
  });

  it('is critical when a stuck certificate expires within a week', async () => {
    const result = await certificates.run(
      checkContext(
        {
          Certificate: [
            certificate({
              renewalTime: '2026-11-01T00:00:00Z',
              notAfter: '2026-11-30T00:00:00Z',
            }),
          ],
        },
        { now },
      ),
    );
    expect(result.verdict).toBe('critical');
  });

  it('is critical when a certificate is not Ready', async () => {
    const result = await certificates.run(
      checkContext({ Certificate: [certificate({}, 'False')] }, { now }),
    );
    expect(result.verdict).toBe('critical');
  });
});
