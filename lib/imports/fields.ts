/** The lead fields a CSV column can fill; shared by the import page and the server's mapping. */
export const IMPORT_FIELDS = [
  'email',
  'name',
  'first_name',
  'last_name',
  'phone',
  'company',
  'job_title',
  'company_size',
  'source',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'first_visit',
  'language',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** A column mapped to `property` lands in the lead's properties under its header; '' skips it. */
export type MappingTarget = ImportField | 'property' | '';

export const FIELD_LABELS: Record<ImportField | 'property' | '', string> = {
  email: 'Email', name: 'Full name', first_name: 'First name', last_name: 'Last name', phone: 'Phone', company: 'Company', job_title: 'Job title',
  company_size: 'Company size', source: 'Source', utm_source: 'UTM source', utm_medium: 'UTM medium', utm_campaign: 'UTM campaign', utm_term: 'UTM term',
  utm_content: 'UTM content', first_visit: 'First visit (ISO date)', language: 'Email language (en / vi)', property: 'Keep as a property', '': 'Skip this column',
};
