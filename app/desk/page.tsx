/** /desk: a sales rep's hand-offs, follow-ups and hot leads; admins and ops can open any rep's desk. */
import { DeskPage } from '@/components/desk/desk-page';

export const metadata = { title: 'My desk · Leadflow' };

export default function Page() {
  return <DeskPage />;
}
