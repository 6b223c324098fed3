import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { listenForBoothUpdates } from '../editor/booth-updates';
import { hallRouteChunk } from '../hall/hallChunks';
import { startHallDownloads } from '../hall/startHallDownloads';
import { Layout, LayoutPlaceholder } from './Layout';
import { LoadingScreen } from './LoadingScreen';
import { LandingPage } from './landing/LandingPage';
import { useLoaded } from './loadable';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';

/** The hall brings three.js; it is its own chunk (hallChunks) so the landing page never downloads it. */
function HallPage() {
  const { t } = useTranslation();
  // The scene, its font and the expo start downloading beside the route's own chunk, not after it.
  const [support] = useState(() => startHallDownloads(window.location.search));
  const HallRoute = useLoaded(hallRouteChunk)?.default;
  return HallRoute ? <HallRoute support={support} /> : <LoadingScreen label={t('loading.page')} />;
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    hydrateFallbackElement: <LayoutPlaceholder />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'hall', element: <HallPage /> },
      // Loaded with their route, so the hall and the landing page do not download the booth page's chat and meetings.
      { path: 'booths/:slug', lazy: async () => ({ Component: (await import('./booth/BoothPage')).BoothPage }) },
      { path: 'login', lazy: async () => ({ Component: (await import('./login/LoginPage')).LoginPage }) },
      // Meetings (issue 7; added by the meetings engineer): my meetings, booking at a booth, the call screen.
      {
        path: 'meetings',
        lazy: async () => ({ Component: (await import('../meetings/MyMeetingsPage')).MyMeetingsPage }),
      },
      {
        path: 'meetings/availability',
        lazy: async () => ({ Component: (await import('../meetings/AvailabilityPage')).AvailabilityPage }),
      },
      {
        path: 'booths/:slug/meet',
        lazy: async () => ({ Component: (await import('../meetings/BookMeetingPage')).BookMeetingPage }),
      },
      { path: 'meetings/:id/call', lazy: async () => ({ Component: (await import('../call/CallPage')).CallPage }) },
      // Accounts, booth editor and organiser console (issue 5).
      {
        path: 'account/register',
        lazy: async () => ({ Component: (await import('../account/RegisterPage')).RegisterPage }),
      },
      {
        path: 'account/reset',
        lazy: async () => ({ Component: (await import('../account/ResetPasswordPage')).ResetPasswordPage }),
      },
      {
        path: 'account/profile',
        lazy: async () => ({ Component: (await import('../account/ProfilePage')).ProfilePage }),
      },
      { path: 'invite', lazy: async () => ({ Component: (await import('../account/InvitePage')).InvitePage }) },
      { path: 'editor', lazy: async () => ({ Component: (await import('../editor/EditorListPage')).EditorListPage }) },
      {
        path: 'editor/:boothId',
        lazy: async () => ({ Component: (await import('../editor/BoothEditorPage')).BoothEditorPage }),
      },
      {
        path: 'organiser',
        lazy: async () => ({ Component: (await import('../organiser/OrganiserPage')).OrganiserPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The application: routes inside the shared layout. */
export function App() {
  // Published booths reach the directory and the hall without a reload (issue 5: `booth:updated`).
  useEffect(() => listenForBoothUpdates(), []);
  return <RouterProvider router={router} />;
}
