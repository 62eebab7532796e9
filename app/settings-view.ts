/** The settings panel's view-model: every setting grouped, with its value now, and the regimes. */
import type { RegimeChoice, SettingGroupProps } from '@/components/settings-panel';
import { REGIMES, SETTINGS, SETTING_GROUPS, type RegimeId, type Settings } from '@/lib/scenario';

export function settingGroups(settings: Settings): SettingGroupProps[] {
  return (Object.entries(SETTING_GROUPS) as [keyof typeof SETTING_GROUPS, string][]).map(([group, title]) => ({
    title,
    fields: SETTINGS.filter((d) => d.group === group).map(({ group: _group, ...d }) => ({ ...d, value: settings[d.id] })),
  }));
}

export const regimeChoices = (): RegimeChoice[] =>
  (Object.entries(REGIMES) as [RegimeId, (typeof REGIMES)[RegimeId]][]).map(([id, r]) => ({ id, label: r.label, source: r.source }));
