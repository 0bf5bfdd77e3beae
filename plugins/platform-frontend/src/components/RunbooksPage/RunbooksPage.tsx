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

import {
  ContentHeader,
  InfoCard,
  LinkButton,
} from '@backstage/core-components';
import { RUNBOOKS } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { PlatformLayout } from '../PlatformLayout';
import { RunbookSteps } from '../RunbookSteps';

/**
 * Every runbook of the platform guide, each at `#runbook-<id>`: where search
 * results and links from outside a cluster page land.
 */
export function RunbooksPage() {
  const { hash } = useLocation();
  // The page renders after the browser looked for the anchor, so go there now.
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView?.();
    target?.focus?.();
  }, [hash]);

  return (
    <PlatformLayout
      title="Runbooks"
      subtitle="The platform guide's operational runbooks, with their commands"
    >
      <ContentHeader title={`${RUNBOOKS.length} runbooks`}>
        <LinkButton to=".." variant="outlined">
          Fleet health
        </LinkButton>
      </ContentHeader>
      {RUNBOOKS.map(runbook => (
        <Box key={runbook.id} id={`runbook-${runbook.id}`} tabIndex={-1} mb={2}>
          <InfoCard>
            <RunbookSteps id={runbook.id} />
          </InfoCard>
        </Box>
      ))}
    </PlatformLayout>
  );
}
