// The sign-in page: email and password, a clear message when they are wrong (401) or when there
// were too many attempts (429), then on to the page the person came for.
import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useFocusOnErrors, type FieldErrors } from '../../../lib/forms';
import { describeError, isProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useSignIn } from '../api/auth';
import classes from './SignInPage.module.css';

function failureMessage(error: unknown): { title: string; text: string } {
  if (isProblem(error, 401)) return { title: 'Could not sign you in', text: 'The email or password is not right. Check both and try again.' };
  if (isProblem(error, 429)) return { title: 'Too many attempts', text: describeError(error) };
  return { title: 'Could not sign you in', text: describeError(error) };
}

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  usePageTitle('Sign in');
  const signIn = useSignIn();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  useFocusOnErrors(form, errors);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Only emptiness is checked here; the server decides the rest (and the page stays light without zod).
    const missing: FieldErrors = {};
    if (email.trim() === '') missing.email = 'Enter your email address';
    if (password === '') missing.password = 'Enter your password';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
  };

  const failure = signIn.error ? failureMessage(signIn.error) : null;
  return (
    <main className={classes.page}>
      <Paper component="section" className={classes.card} shadow="sm" radius="lg" p="xl" withBorder aria-labelledby="sign-in-heading">
        <Stack gap="lg">
          <Stack gap={4}>
            <Text fw={700} c="trellis.8" size="lg">
              Trellis
            </Text>
            <Title order={1} id="sign-in-heading" tabIndex={-1} data-page-heading>
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              Learning supports for your state, districts and schools.
            </Text>
          </Stack>
          {failure && (
            <Alert color="red" title={failure.title} data-testid="sign-in-error">
              {failure.text}
            </Alert>
          )}
          <form ref={form} onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} />
              <PasswordInput label="Password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.password} />
              <Button type="submit" loading={signIn.isPending} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
          <Text size="sm" c="dimmed">
            Forgot your password? Ask an administrator of your district or state to reset it.
          </Text>
        </Stack>
      </Paper>
    </main>
  );
}
