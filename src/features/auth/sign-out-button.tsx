import { useNavigate } from 'react-router';
import { useSignOut } from './use-sign-out.ts';

export function SignOutButton({ className = '' }: { className?: string }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <button type="button" disabled={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
      className={`min-h-touch shrink-0 rounded-md px-4 font-semibold ${className}`}>
      Sign out
    </button>
  );
}
