/** /settings: scoring rules (with warnings and change log), stage thresholds and sales owners. */
import { SettingsPage } from '@/components/settings/settings-page';

export const metadata = { title: 'Settings · Leadflow' };

export default function Page() {
  return (
    <>
      <h1>Settings</h1>
      <SettingsPage />
    </>
  );
}
