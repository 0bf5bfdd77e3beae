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

import { Content, Header, Link, Page } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** What someone who may not write templates sees at an authoring page's address. */
export function TemplateAuthoringNotAllowed(props: { page: string }) {
  return (
    <Page themeId="tool">
      <Header title="Not allowed" subtitle="403: for template authors only" />
      <Content>
        <Typography paragraph>
          {props.page} is for the platform team, who write the templates.
        </Typography>
        <Typography>
          Your templates are under <Link to="/create/templates">Create</Link>;
          ask the platform team for a template you miss.
        </Typography>
      </Content>
    </Page>
  );
}
