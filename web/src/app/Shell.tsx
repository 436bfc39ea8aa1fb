import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { Outlet, NavLink as RouterNavLink } from 'react-router';
import { type Me, useSignOut } from '../domains/access/access.api.ts';
import { IdleWarning } from '../domains/access/IdleWarning.tsx';
import { navItems } from './nav.ts';

export function Shell({ me }: { me: Me }): ReactElement {
  const signOut = useSignOut();
  const items = navItems.filter((i) => !i.permission || me.permissions.includes(i.permission));
  const [opened, { toggle }] = useDisclosure();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={3} c="teal.7">
              Chartkeeper
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              Health information management
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" data-testid="signed-in-user">
              {me.user.fullName}
              {me.user.credentials ? `, ${me.user.credentials}` : ''}
            </Text>
            <ThemeToggle />
            <Tooltip label="Sign out">
              <ActionIcon variant="default" size="lg" aria-label="Sign out" onClick={() => signOut.mutate()}>
                <IconLogout size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            end={item.end}
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.6} />}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <IdleWarning idleTimeoutSeconds={me.idleTimeoutSeconds} />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function ThemeToggle(): ReactElement {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Switch to ${next} theme`}
        onClick={() => setColorScheme(next)}
      >
        {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
