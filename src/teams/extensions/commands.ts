// The message-extension action commands: their manifest ids and the form each opens.
import type { FormKind } from '../../app/commands/index.js';

export const EXTENSION_FORMS: Readonly<Record<string, FormKind>> = { logInteraction: 'interaction', addContact: 'contact' };
