// Turns any error into the short translated sentence a user sees, with "did you mean" choices.
import type { Translate } from '../i18n/index.js';
import { AppError, isStoreUnavailable } from './errors.js';
import type { Reply, ReplyAction } from './reply.js';

/** Translates an error into one sentence that says what failed and what to do. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof AppError) {
    const params = { ...error.params };
    if (typeof params.reasonKey === 'string') params.reason = t(params.reasonKey, params);
    if (typeof params.field === 'string') params.field = t(`fields.${params.field}`, { defaultValue: params.field });
    const names = error.suggestions.map((suggestion) => `${t('lookup.quoted', { value: suggestion.label })}${suggestion.detail ? ` (${suggestion.detail})` : ''}`);
    // An ambiguous name lists its matches inside the message ({{matches}}). Other errors end with "did you mean".
    params.matches = joinAlternatives(names, t);
    let sentence = t(error.messageKey, params) as string;
    if (names.length > 0 && error.code !== 'ambiguous') sentence += ` ${t('lookup.didYouMean', { suggestions: params.matches })}`;
    return sentence;
  }
  if (isStoreUnavailable(error)) return t('errors.storeUnavailable');
  return t('errors.internal');
}

/** An error reply; suggestions become buttons that retry the command with the suggested name. */
export function errorReply(error: unknown, t: Translate, retry?: (label: string) => string): Reply {
  const text = describeError(error, t);
  const code = error instanceof AppError ? error.code : isStoreUnavailable(error) ? 'store_unavailable' : 'internal';
  const blocks: Reply['blocks'] = [{ type: 'text', text }];
  if (error instanceof AppError && retry && error.suggestions.length > 0) {
    const actions: ReplyAction[] = error.suggestions.map((suggestion) => ({
      id: 'retry',
      label: suggestion.detail ? `${suggestion.label} (${suggestion.detail})` : suggestion.label,
      value: retry(suggestion.label),
    }));
    blocks.push({ type: 'actions', actions });
  }
  return { text, blocks, error: { code } };
}

function joinAlternatives(names: string[], t: Translate): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${t('or')} ${names.at(-1)}`;
}
