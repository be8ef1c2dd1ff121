import { Button } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useSignOut } from '../api/auth';

export function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Button
      variant="default"
      size="sm"
      loading={signOut.isPending}
      onClick={() =>
        signOut.mutate(undefined, {
          // Even if the server could not be reached, the cookie is useless without the cleared CSRF token.
          onSettled: () => void navigate({ to: '/sign-in', search: {} }),
        })
      }
    >
      Sign out
    </Button>
  );
}
