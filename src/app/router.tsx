import { createBrowserRouter } from 'react-router';
import { RequireSession } from './require-session.tsx';
import { RouteError } from './route-error.tsx';

const HydrateFallback = () => null;

/** Routes are lazy: the panel's chunk (charts, socket) loads only on the panel. */
export const router = createBrowserRouter([
  { path: '/login', lazy: () => import('./routes/login.tsx').then((m) => ({ Component: m.LoginRoute })), ErrorBoundary: RouteError, HydrateFallback },
  {
    path: '/',
    Component: RequireSession,
    ErrorBoundary: RouteError,
    HydrateFallback,
    children: [
      { index: true, lazy: () => import('./routes/home.tsx').then((m) => ({ Component: m.HomeRoute })) },
      { path: 'panel/:plant/:line', lazy: () => import('./routes/panel.tsx').then((m) => ({ Component: m.PanelRoute })) },
    ],
  },
]);
