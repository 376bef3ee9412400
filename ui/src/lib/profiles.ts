/** Calibration profiles the user measured in this browser, kept in localStorage. */
import type { CalibrationProfile } from '../../../calibration/profile';
import { PROFILE_SCHEMA } from '../../../calibration/profile';

const KEY = 'clusterplan.profiles.v1';

export function loadProfiles(): CalibrationProfile[] {
  try {
    const raw = localStorage.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter((p): p is CalibrationProfile => !!p && typeof p === 'object' && (p as CalibrationProfile).schema === PROFILE_SCHEMA) : [];
  } catch {
    return [];
  }
}

/** Save (replacing one with the same id) and return the new list. */
export function saveProfile(profile: CalibrationProfile): CalibrationProfile[] {
  const list = [...loadProfiles().filter((p) => p.id !== profile.id), profile];
  localStorage.setItem(KEY, JSON.stringify(list));
  return list;
}

export function deleteProfile(id: string): CalibrationProfile[] {
  const list = loadProfiles().filter((p) => p.id !== id);
  localStorage.setItem(KEY, JSON.stringify(list));
  return list;
}

/** Offer a file to the user without any network: a blob URL clicked from a temporary link. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
