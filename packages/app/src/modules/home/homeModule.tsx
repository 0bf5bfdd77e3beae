import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Platform Portal

- **[Your services](/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=owned)**:
  their Argo CD, pipelines, artifacts, dashboards and alerts on each page
- **[Create](/create)**: a new service from a GitLab repository to a running
  app, or a namespace, route, certificate or volume for an existing one
- **[Fleet health](/platform)**: every cluster × every layer, worst first,
  with the evidence and the runbook for each problem
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Where to start',
    description: 'Your services, templates and the fleet',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
