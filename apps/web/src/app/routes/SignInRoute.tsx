// Composes the sign-in page with where to go next (the page the person asked for, or the tree).
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { SignInPage } from '../../features/auth/components/SignInPage';

const route = getRouteApi('/sign-in');

export function SignInRoute() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const target = redirect && redirect.startsWith('/') && !redirect.startsWith('//') && !redirect.startsWith('/sign-in') ? redirect : '/organization';
  return <SignInPage onSignedIn={() => void navigate({ href: target, replace: true })} />;
}
