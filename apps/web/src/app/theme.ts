// Trellis's look: a deep green primary whose shade 7 keeps white text above 6:1 (WCAG AA needs
// 4.5:1), system fonts, and visible focus rings for keyboard users.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const trellis: MantineColorsTuple = ['#eaf5ef', '#d3eadc', '#a6d3b9', '#76bb94', '#4fa676', '#379763', '#2a8354', '#1f6b44', '#175536', '#0f3f28'];

export const theme = createTheme({
  colors: { trellis },
  primaryColor: 'trellis',
  primaryShade: 7,
  focusRing: 'auto',
  respectReducedMotion: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    sizes: { h1: { fontSize: '1.75rem', lineHeight: '1.25' }, h2: { fontSize: '1.25rem', lineHeight: '1.35' } },
  },
});

/**
 * Mantine's light-scheme secondary text (gray.6, 3.3:1) and error text (red.6, 3.3:1) are below the
 * 4.5:1 that WCAG AA asks of normal text; these shades clear it.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
