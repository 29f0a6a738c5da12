import { AuditTrail } from '../../features/audit/audit-trail.tsx';
import { RequireRole } from './desk-layout.tsx';

/** `/audit`: the audit trail (supervisor and up). */
export function AuditRoute() {
  return (
    <RequireRole role="supervisor">
      <main className="space-y-2 p-3">
        <h1 className="text-lg font-bold">Audit trail</h1>
        <AuditTrail />
      </main>
    </RequireRole>
  );
}
