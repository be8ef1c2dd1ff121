// Composes the sign-in page with where to go next (the page the person asked for, or the tree).
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { SignInPage } from '../../features/auth/components/SignInPage';
import { safeRedirect } from '../../lib/redirect';

const route = getRouteApi('/sign-in');

export function SignInRoute() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  return <SignInPage onSignedIn={() => void navigate({ href: safeRedirect(redirect), replace: true })} />;
}
