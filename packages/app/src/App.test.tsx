import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('opens on the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // Signed out, the app opens on its sign-in page with the guest provider.
    expect(
      await rendered.findByText(
        'Sign in to the Platform Portal',
        {},
        { timeout: 15000 },
      ),
    ).toBeInTheDocument();
    expect(rendered.getByText(/Enter as a Guest User/)).toBeInTheDocument();
    expect(rendered.getByRole('button', { name: 'Enter' })).toBeEnabled();
  });
});
