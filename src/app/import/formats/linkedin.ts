// LinkedIn Connections.csv: the importing member's own network, after a "Notes:" preamble.
import { parseDayMonthYear } from '../vocabulary.js';
import { joinName, webAddress, type FormatReader } from './columns.js';

/**
 * Each connection becomes a contact at its company. With an importing member, it also becomes
 * that member's relationship of strength 1 ("met once"), last contact on the "Connected On" date.
 */
export const linkedinReader: FormatReader = {
  format: 'linkedin',
  matches: (columns) => columns.has('connected_on') && columns.has('first_name') && columns.has('last_name'),
  toRecord(columns, { line, cells }, context) {
    const connectedOnText = columns.value(cells, 'connected_on');
    const connectedOn = connectedOnText ? parseDayMonthYear(connectedOnText) : undefined;
    const record = {
      line,
      account: columns.value(cells, 'company'),
      accountColumn: columns.headerOf(['company']),
      name: joinName(columns.value(cells, 'first_name'), columns.value(cells, 'last_name')),
      title: columns.value(cells, 'position'),
      email: columns.value(cells, 'email_address'),
      profileUrl: webAddress(columns.value(cells, 'url')),
      ...(connectedOnText && !connectedOn && { warnings: [{ line, reasonKey: 'import.warning.invalidDate', params: { column: 'Connected On', value: connectedOnText } }] }),
    };
    if (!context.actorMemberId) return record;
    return {
      ...record,
      relationships: [{ memberId: context.actorMemberId, strength: 1, kind: 'work', lastContactOn: connectedOn ?? null, inferred: true }],
    };
  },
};
