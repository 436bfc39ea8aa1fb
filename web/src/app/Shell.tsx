import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  ScrollArea,
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
import { CommandPalette, PaletteButton } from '../domains/workspace/CommandPalette.tsx';
import { type NavSection, navItems, navSections } from './nav.ts';

export function Shell({ me }: { me: Me }): ReactElement {
  const signOut = useSignOut();
  const sections = navSections(navItems, me.permissions);
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
            <PaletteButton />
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
        <AppShell.Section grow component={ScrollArea}>
          {sections.map((section) => (
            <NavGroupLinks key={section.group} section={section} />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <IdleWarning idleTimeoutSeconds={me.idleTimeoutSeconds} />
        <CommandPalette permissions={me.permissions} />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * One duty's links under its name. The name is a labelled group, not a heading, so page headings stay
 * the only headings a screen reader lists (and the only ones journeys find by name).
 */
function NavGroupLinks({ section }: { section: NavSection }): ReactElement {
  const id = `nav-group-${section.group.toLowerCase().replaceAll(' ', '-')}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> groups form controls; these are links.
    <div role="group" aria-labelledby={id}>
      <Text
        id={id}
        size="xs"
        fw={700}
        tt="uppercase"
        px="sm"
        // gray.7 on white and dark.1 on dark keep 4.5:1 contrast (WCAG 2.1 AA 1.4.3); "dimmed" does not.
        style={{ color: 'light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))' }}
        pt="sm"
        pb={4}
      >
        {section.group}
      </Text>
      {section.items.map((item) => (
        <NavLink
          key={item.to}
          component={RouterNavLink}
          to={item.to}
          end={item.end}
          label={item.label}
          leftSection={<item.icon size={18} stroke={1.6} />}
        />
      ))}
    </div>
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
