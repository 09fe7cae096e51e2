/** Strips what must never travel inside a single-line value: a typed name cannot add a header or a line of markup. */
export function stripControl(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}
