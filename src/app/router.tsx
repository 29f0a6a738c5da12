import { createBrowserRouter } from 'react-router';
import { RequireSession } from './require-session.tsx';
import { RouteError } from './route-error.tsx';

const HydrateFallback = () => null;

/** Routes are lazy: the panel's chunk (charts, socket) loads only on the panel. */
export const router = createBrowserRouter([
  { path: '/login', lazy: () => import('./routes/login.tsx').then((m) => ({ Component: m.LoginRoute })), ErrorBoundary: RouteError, HydrateFallback },
  { path: '/panel-login', lazy: () => import('./routes/panel-login.tsx').then((m) => ({ Component: m.PanelLoginRoute })), ErrorBoundary: RouteError, HydrateFallback },
  {
    path: '/',
    Component: RequireSession,
    ErrorBoundary: RouteError,
    HydrateFallback,
    children: [
      { index: true, lazy: () => import('./routes/home.tsx').then((m) => ({ Component: m.HomeRoute })) },
      { path: 'panel/:plant/:line', lazy: () => import('./routes/panel.tsx').then((m) => ({ Component: m.PanelRoute })) },
      {
        // Desk pages (supervisors, engineers, admins): one compact top bar; each page its own chunk.
        lazy: () => import('./routes/desk-layout.tsx').then((m) => ({ Component: m.DeskLayout })),
        children: [
          { path: 'supervisor', lazy: () => import('./routes/supervisor.tsx').then((m) => ({ Component: m.SupervisorRoute })) },
          { path: 'alerts/:id', lazy: () => import('./routes/alert-detail.tsx').then((m) => ({ Component: m.AlertDetailRoute })) },
          { path: 'labels', lazy: () => import('./routes/labels.tsx').then((m) => ({ Component: m.LabelsRoute })) },
          { path: 'audit', lazy: () => import('./routes/audit.tsx').then((m) => ({ Component: m.AuditRoute })) },
          { path: 'admin', lazy: () => import('./routes/admin.tsx').then((m) => ({ Component: m.AdminRoute })) },
        ],
      },
    ],
  },
]);
