import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Role } from '../../protocol/common.ts';
import type { UserView } from '../../protocol/admin.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { adminKey, useUsers } from './queries.ts';
import { sendJson } from './save.ts';
import { formatScopes, parseScopes } from './scopes.ts';

const field = 'h-8 rounded border border-edge bg-white px-2 text-sm';
const button = 'h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50';

function UserEditor({ user, onDone }: { user: UserView; onDone: (msg: string) => void }) {
  const qc = useQueryClient();
  const [role, setRole] = useState(user.role);
  const [scopes, setScopes] = useState(formatScopes(user.scopes));
  const [name, setName] = useState(user.displayName);
  const [password, setPassword] = useState('');
  const [badge, setBadge] = useState(user.badge ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (patch: Record<string, unknown>, what: string) => {
    const r = await sendJson<UserView>('PATCH', `/api/v1/admin/users/${encodeURIComponent(user.username)}`, patch);
    if (!r.ok) return setError(r.error);
    await qc.invalidateQueries({ queryKey: adminKey });
    onDone(`${user.username}: ${what}.`);
  };
  return (
    <div className="flex flex-wrap items-end gap-2 bg-sunk p-2" role="group" aria-label={`Edit ${user.username}`}>
      <label className="grid text-xs font-semibold">Name<input className={field} value={name} onChange={(e) => setName(e.target.value)} /></label>
      <label className="grid text-xs font-semibold">Role
        <select className={field} value={role} onChange={(e) => setRole(e.target.value as UserView['role'])}>{Role.options.map((r) => <option key={r}>{r}</option>)}</select>
      </label>
      <label className="grid text-xs font-semibold">Scopes<input className={field} value={scopes} onChange={(e) => setScopes(e.target.value)} size={24} /></label>
      <button type="button" className={button} onClick={() => void save({ displayName: name, role, scopes: parseScopes(scopes) }, 'saved')}>Save</button>
      <label className="grid text-xs font-semibold">New password<input type="password" autoComplete="new-password" className={field} value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      <button type="button" className={button} disabled={!password} onClick={() => void save({ password }, 'password set, sessions ended')}>Set password</button>
      <label className="grid text-xs font-semibold">Badge<input className={field} value={badge} onChange={(e) => setBadge(e.target.value)} inputMode="numeric" size={8} /></label>
      <label className="grid text-xs font-semibold">PIN<input type="password" autoComplete="off" className={field} value={pin} onChange={(e) => setPin(e.target.value)} inputMode="numeric" size={6} /></label>
      <button type="button" className={button} disabled={!badge || !pin} onClick={() => void save({ badge, pin }, 'badge and PIN set')}>Set badge</button>
      <button type="button" className={button} onClick={() => void save({ disabled: !user.disabled }, user.disabled ? 'enabled' : 'disabled, sessions ended')}>
        {user.disabled ? 'Enable' : 'Disable'}
      </button>
      {error && <p role="alert" className="w-full font-semibold">{error}</p>}
    </div>
  );
}

/** Users, roles and scopes: create, edit, set a password or badge + PIN, disable and enable (admin only). */
export function UsersPanel() {
  const qc = useQueryClient();
  const users = useUsers(true);
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [draft, setDraft] = useState({ username: '', displayName: '', role: 'operator', scopes: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await sendJson<UserView>('POST', '/api/v1/admin/users', { ...draft, scopes: parseScopes(draft.scopes) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaid(`User ${draft.username} created.`);
    setDraft({ username: '', displayName: '', role: 'operator', scopes: '', password: '' });
    await qc.invalidateQueries({ queryKey: adminKey });
  };
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  return (
    <div className="space-y-2">
      {said && <p role="status" className="text-sm font-semibold">{said}</p>}
      {users.isError && <p role="alert">{users.error.message}</p>}
      <DeskTable title="Users" csvName="users" rows={users.data ?? []} rowKey={(u) => u.username} testId="users"
        columns={[
          { title: 'user', value: (u) => u.username, cell: (u) => <strong>{u.username}</strong> },
          { title: 'name', value: (u) => u.displayName },
          { title: 'role', value: (u) => u.role },
          { title: 'scopes', value: (u) => formatScopes(u.scopes) },
          { title: 'badge', value: (u) => u.badge ?? '' },
          { title: 'status', value: (u) => (u.disabled ? 'disabled' : 'active'), cell: (u) => (u.disabled ? <strong>DISABLED</strong> : 'active') },
          {
            title: 'edit', value: () => '',
            cell: (u) => (
              <div>
                <button type="button" className="text-xs underline" aria-expanded={editing === u.username} onClick={() => setEditing(editing === u.username ? null : u.username)}>
                  {editing === u.username ? 'close' : 'edit'}
                </button>
                {editing === u.username && <UserEditor user={u} onDone={setSaid} />}
              </div>
            ),
          },
        ]} />
      <form onSubmit={(e) => void create(e)} className="flex flex-wrap items-end gap-2 rounded-md border border-edge bg-surface p-2" aria-label="New user">
        <strong className="w-full text-xs uppercase text-ink-muted">New user</strong>
        <label className="grid text-xs font-semibold">User name<input className={field} value={draft.username} onChange={set('username')} required autoComplete="off" /></label>
        <label className="grid text-xs font-semibold">Display name<input className={field} value={draft.displayName} onChange={set('displayName')} required /></label>
        <label className="grid text-xs font-semibold">Role
          <select className={field} value={draft.role} onChange={set('role')}>{Role.options.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <label className="grid text-xs font-semibold">Scopes (* · plant · plant/line)<input className={field} value={draft.scopes} onChange={set('scopes')} placeholder="demo/line1" required /></label>
        <label className="grid text-xs font-semibold">Password (≥ 12)<input type="password" autoComplete="new-password" className={field} value={draft.password} onChange={set('password')} required /></label>
        <button type="submit" className={button}>Create user</button>
        {error && <p role="alert" className="w-full font-semibold">{error}</p>}
      </form>
    </div>
  );
}
