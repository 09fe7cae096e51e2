import { redirect } from 'next/navigation';

/** The dashboard lives at /dashboard; the root sends people there. */
export default function Home() {
  redirect('/dashboard');
}
