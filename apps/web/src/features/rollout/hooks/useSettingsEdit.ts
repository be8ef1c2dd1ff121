// The state of a scenario's settings form, on its page rather than in a dialog: like
// lib/useVersionedEdit, but it keeps the version each save returns (the form stays open for the
// next change) and checks numbers left empty before the schema does.
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, useFocusOnErrors, type FieldErrors } from '../../../lib/forms';
import { useUpdateScenario } from '../api/rolloutMutations';
import { scenarioQuery, type RolloutScenarioDetail } from '../api/rolloutQueries';
import { checkUpdate, valuesFrom, type SettingsValues } from '../components/settingsForm';

export function useSettingsEdit(scenario: RolloutScenarioDetail, subsetIds: readonly string[]) {
  const [values, setValues] = useState<SettingsValues>(() => valuesFrom(scenario.name, scenario.settings, subsetIds));
  const [version, setVersion] = useState(scenario.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const update = useUpdateScenario(scenario.id);
  useFocusOnErrors(formRef, errors);

  const submit = () => {
    const { input, errors: found } = checkUpdate(values, version, subsetIds);
    if (!input) return setErrors(found);
    setErrors({});
    update.mutate(input, {
      onSuccess: (saved) => {
        setVersion(saved.version);
        announce(`Saved ${saved.name}. Computing its schedule…`);
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const latest = await queryClient.fetchQuery({ ...scenarioQuery(scenario.id), staleTime: 0 });
    setValues(valuesFrom(latest.name, latest.settings, subsetIds));
    setVersion(latest.version);
    setErrors({});
    update.reset();
  };

  return {
    values,
    change: (patch: Partial<SettingsValues>) => setValues((v) => ({ ...v, ...patch })),
    errors,
    formRef,
    submit,
    reload: () => void reload(),
    update,
    version,
  };
}
