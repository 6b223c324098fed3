import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { BoothPage } from './booth/BoothPage';
import { Layout } from './Layout';
import { LoadingScreen } from './LoadingScreen';
import { LandingPage } from './landing/LandingPage';
import { LoginPage } from './login/LoginPage';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';

// The hall brings three.js; it is its own chunk so the landing page never downloads it.
const HallRoute = lazy(() => import('../hall/HallRoute'));

function HallPage() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<LoadingScreen label={t('loading.page')} />}>
      <HallRoute />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'hall', element: <HallPage /> },
      { path: 'booths/:slug', element: <BoothPage /> },
      { path: 'login', element: <LoginPage /> },
      // Meetings (issue 7; added by the meetings engineer): my meetings, booking at a booth, the call screen.
      {
        path: 'meetings',
        lazy: async () => ({ Component: (await import('../meetings/MyMeetingsPage')).MyMeetingsPage }),
      },
      {
        path: 'booths/:slug/meet',
        lazy: async () => ({ Component: (await import('../meetings/BookMeetingPage')).BookMeetingPage }),
      },
      { path: 'meetings/:id/call', lazy: async () => ({ Component: (await import('../call/CallPage')).CallPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The application: routes inside the shared layout. */
export function App() {
  return <RouterProvider router={router} />;
}
