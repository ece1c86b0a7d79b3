// Input validation shared by the use cases: zod issues become a coded, translatable error.
import { z } from 'zod';

import { AppError, type FieldError } from './errors.js';

/** Parses input with a schema; throws an invalid_input AppError naming each wrong field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldError[] = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || 'input',
    messageKey: messageKeyOf(issue),
    params: issueParams(issue),
  }));
  const first = fieldErrors[0]!;
  throw new AppError('invalid_input', 'validation.invalidField', { field: first.field, ...first.params, reasonKey: first.messageKey }, { fieldErrors });
}

function messageKeyOf(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.type === 'string' && issue.minimum === 1 ? 'validation.required' : 'validation.tooSmall';
    case 'too_big':
      return 'validation.tooBig';
    case 'invalid_type':
      return issue.received === 'undefined' || issue.received === 'null' ? 'validation.required' : 'validation.invalid';
    case 'invalid_enum_value':
      return 'validation.oneOf';
    case 'invalid_string':
      if (issue.message === 'date') return 'validation.date';
      return issue.validation === 'email' ? 'validation.email' : issue.validation === 'url' ? 'validation.url' : 'validation.invalid';
    case 'invalid_date':
      return 'validation.date';
    case 'custom':
      return issue.message === 'date' ? 'validation.date' : 'validation.invalid';
    default:
      return 'validation.invalid';
  }
}

function issueParams(issue: z.ZodIssue): Record<string, unknown> {
  switch (issue.code) {
    case 'too_small':
      return { min: Number(issue.minimum) };
    case 'too_big':
      return { max: Number(issue.maximum) };
    case 'invalid_enum_value':
      return { options: issue.options.join(', ') };
    default:
      return {};
  }
}

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function isoDate() {
  return z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, { message: 'date' });
}
