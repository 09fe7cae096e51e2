'use client';
/** The hosted page's form: the same DOM form the embed script renders, so both behave and validate alike. */
import { useEffect, useRef } from 'react';
import type { PublicForm } from '@/lib/forms/definition';
import { mount } from '@/lib/forms/embed-client';

export function HostedForm({ form, endpoint }: { form: PublicForm; endpoint: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Leadflow's own page: the visitor reads the form in the form's language, so that is the lead's.
    if (ref.current) mount({ form, endpoint, pageLanguage: form.language ?? '' }, ref.current);
  }, [form, endpoint]);
  return <div ref={ref} data-testid="hosted-form" />;
}
