/** Values that have broken parsers, queries and templates elsewhere; shared by the hostile-input tests. */
import fc from 'fast-check';

export const metacharacters = fc.constantFrom(
  "' or 1=1 --",
  '"; drop table subjects; --',
  '../../../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}',
  '\u0000',
  '\uFFFD\uD800',
  'sub_00000000000000000000000000',
  'x'.repeat(5000),
);
