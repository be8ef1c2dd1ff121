// After a save, a short visible message that screen readers announce (role=status is polite).
// The live region is always in the page so that the message inserted into it is read out.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { CloseButton, Group, Paper, Text } from '@mantine/core';
import classes from './StatusAnnouncer.module.css';

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce>(() => undefined);

export function StatusAnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; key: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback<Announce>((text) => {
    setMessage({ text, key: Date.now() });
  }, []);
  useEffect(() => {
    clearTimeout(timer.current);
    if (message) timer.current = setTimeout(() => setMessage(null), 8000);
    return () => clearTimeout(timer.current);
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div role="status" aria-live="polite" className={classes.region}>
        {message && (
          <Paper key={message.key} shadow="md" radius="md" withBorder className={classes.toast} data-testid="status-message">
            <Group gap="sm" wrap="nowrap" justify="space-between">
              <Text size="sm" fw={500}>
                {message.text}
              </Text>
              <CloseButton size="sm" aria-label="Dismiss message" onClick={() => setMessage(null)} />
            </Group>
          </Paper>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Returns a function that shows and announces a status message, e.g. "Saved Lincoln Elementary." */
export const useAnnounce = () => useContext(AnnounceContext);
