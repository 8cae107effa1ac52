import { useEffect } from 'react';
import { Shell } from './shell/Shell';
import { useNavigation } from './shell/navigation';
import { useResolvedTheme, useThemeStore } from './theme/theme-store';

export function App() {
  const theme = useResolvedTheme();
  useEffect(() => useThemeStore.getState().start(), []);
  useEffect(() => useNavigation.getState().start(), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return <Shell />;
}
