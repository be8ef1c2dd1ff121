// The person forms' values and how they become PersonCreate / PersonUpdate bodies.
import type { Person, PersonCreate, PersonUpdate } from '@trellis/core';
import type { SearchOption } from '../../../components/SearchSelect';
import { orNull } from '../../../lib/forms';

export interface PersonFormValues {
  name: string;
  email: string;
  title: string;
  homeUnit: SearchOption | null;
}

export const emptyPersonForm: PersonFormValues = { name: '', email: '', title: '', homeUnit: null };

export const personFormFrom = (p: Person): PersonFormValues => ({
  name: p.name,
  email: p.email,
  title: p.title ?? '',
  homeUnit: p.homeUnitId ? { value: p.homeUnitId, label: p.homeUnitName ?? 'Current home unit' } : null,
});

export const toPersonCreate = (v: PersonFormValues, password: string): Partial<PersonCreate> => ({
  name: v.name,
  email: v.email,
  title: orNull(v.title),
  homeUnitId: v.homeUnit?.value,
  ...(password ? { password } : {}),
});

export const toPersonUpdate = (v: PersonFormValues, version: number): Partial<PersonUpdate> => ({
  version,
  name: v.name,
  email: v.email,
  title: orNull(v.title),
  ...(v.homeUnit ? { homeUnitId: v.homeUnit.value } : {}),
});
