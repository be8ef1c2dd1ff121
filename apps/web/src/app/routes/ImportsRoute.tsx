// Directory import, with the unit imported into in the address (?unit=).
import { getRouteApi } from '@tanstack/react-router';
import { useCallback } from 'react';
import { ImportsPage } from '../../features/imports/components/ImportsPage';

const route = getRouteApi('/app/imports');

export function ImportsRoute() {
  const { unit } = route.useSearch();
  const navigate = route.useNavigate();
  const onUnit = useCallback((id: string | undefined) => void navigate({ search: id ? { unit: id } : {}, replace: true }), [navigate]);
  return <ImportsPage unitId={unit} onUnit={onUnit} />;
}
