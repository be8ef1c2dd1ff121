// The frame of every signed-in page: a header with the product, the person and sign-out; the
// navigation (a drawer behind a menu button on a phone); the main region the skip link targets.
import { AppShell, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from '@tanstack/react-router';
import { useEffect } from 'react';
import { isAdministrator } from '../lib/access';
import { useSession } from '../lib/session';
import { SignOutButton } from '../features/auth/components/SignOutButton';
import { Logo } from './Logo';
import classes from './AppLayout.module.css';

interface NavItem {
  to: '/organization' | '/people' | '/rollout' | '/my-tasks' | '/audit' | '/coaching' | '/imports';
  label: string;
  /** Paths under which this item is the current section. */
  prefixes: string[];
}

export function AppLayout() {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  useEffect(close, [pathname, close]);

  const items: NavItem[] = [
    { to: '/organization', label: 'Organization', prefixes: ['/organization', '/units'] },
    { to: '/people', label: 'People', prefixes: ['/people'] },
    { to: '/rollout', label: 'Roll-out planner', prefixes: ['/rollout'] },
    { to: '/my-tasks', label: 'My tasks', prefixes: ['/my-tasks'] },
    { to: '/coaching', label: 'Coaching', prefixes: ['/coaching'] },
    ...(isAdministrator(session) ? [{ to: '/audit', label: 'Audit', prefixes: ['/audit'] } satisfies NavItem] : []),
    ...(isAdministrator(session) ? [{ to: '/imports', label: 'Directory import', prefixes: ['/imports'] } satisfies NavItem] : []),
  ];

  return (
    <>
      <UnstyledButton
        component="a"
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </UnstyledButton>
      <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header className={classes.header}>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} aria-expanded={opened} aria-controls="app-navigation" />
              <Link to="/organization" className={classes.brand} aria-label="Trellis home">
                <Logo />
                <span>Trellis</span>
              </Link>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" fw={500} visibleFrom="xs" className={classes.person} data-testid="signed-in-person">
                {session.person.name}
              </Text>
              <SignOutButton />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="app-navigation" component="nav" aria-label="Main" className={opened ? undefined : classes.navClosed}>
          <Text size="sm" fw={500} hiddenFrom="xs" px="sm" pb="sm">
            Signed in as {session.person.name}
          </Text>
          {items.map((item) => {
            const active = item.prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
            return <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={active} aria-current={active ? 'page' : undefined} variant="light" className={classes.navLink} />;
          })}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <div className={classes.content}>
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
