/** /forms: the capture forms, their submissions, and a way to build a new one. */
import { FormsList } from '@/components/forms/forms-list';

export const metadata = { title: 'Forms · Leadflow' };

export default function FormsPage() {
  return (
    <>
      <h1>Forms</h1>
      <FormsList />
    </>
  );
}
