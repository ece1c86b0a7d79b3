// Address-book exports: Outlook (classic desktop and Outlook.com) and Google Contacts (current
// and legacy layouts).
import { joinName, looksLikeEmail, webAddress, type Columns, type FormatReader } from './columns.js';

const OUTLOOK_EMAILS = ['e_mail_address', 'e_mail_2_address', 'e_mail_3_address'];
// Business numbers first, then mobile, then the primary number, then the rest.
const OUTLOOK_PHONES = ['business_phone', 'mobile_phone', 'primary_phone', 'business_phone_2', 'company_main_phone', 'other_phone'];

const outlookMatches = (columns: Columns) => columns.has('e_mail_address') && columns.has('first_name') && columns.has('job_title');
// Only Outlook.com's web export has these columns.
const isOutlookWeb = (columns: Columns) => columns.has('business_country_region') || columns.has('given_yomi');

function outlookReader(format: 'outlook' | 'outlook-web'): FormatReader {
  return {
    format,
    matches: (columns) => outlookMatches(columns) && isOutlookWeb(columns) === (format === 'outlook-web'),
    // Outlook's "Title" column is the courtesy title (Mr, Dr); the job title is "Job Title".
    toRecord: (columns, { line, cells }) => ({
      line,
      account: columns.value(cells, 'company'),
      accountColumn: columns.headerOf(['company']),
      name: joinName(columns.value(cells, 'first_name'), columns.value(cells, 'middle_name'), columns.value(cells, 'last_name')),
      title: columns.value(cells, 'job_title'),
      department: columns.value(cells, 'department'),
      email: columns.first(cells, OUTLOOK_EMAILS, looksLikeEmail),
      phone: columns.first(cells, OUTLOOK_PHONES),
      profileUrl: webAddress(columns.value(cells, 'web_page')),
    }),
  };
}

export const outlookClassicReader = outlookReader('outlook');
export const outlookWebReader = outlookReader('outlook-web');

/** Google writes several values in one cell separated by " ::: "; the first is the primary one. */
function firstOfMany(value: string | undefined): string | undefined {
  return value?.split(':::')[0]?.trim() || undefined;
}

function numberedValues(columns: Columns, cells: string[], prefix: string, labelSuffix: 'label' | 'type'): Array<{ label: string; value: string }> {
  const values: Array<{ label: string; value: string }> = [];
  for (let n = 1; columns.has(`${prefix}_${n}_value`); n++) {
    const value = firstOfMany(columns.value(cells, `${prefix}_${n}_value`));
    if (value) values.push({ label: (columns.value(cells, `${prefix}_${n}_${labelSuffix}`) ?? '').toLowerCase(), value });
  }
  return values;
}

/** The work phone, else the mobile, else the main number, else the first one. */
function pickPhone(phones: Array<{ label: string; value: string }>): string | undefined {
  const rank = (label: string) => (label.includes('work') ? 0 : label.includes('mobile') ? 1 : label.includes('main') ? 2 : 3);
  return [...phones].sort((a, b) => rank(a.label) - rank(b.label))[0]?.value;
}

export const googleReader: FormatReader = {
  format: 'google',
  matches: (columns) => columns.has('organization_name') && columns.has('e_mail_1_value'),
  toRecord: (columns, { line, cells }) => ({
    line,
    account: columns.value(cells, 'organization_name'),
    accountColumn: columns.headerOf(['organization_name']),
    name: joinName(columns.value(cells, 'first_name'), columns.value(cells, 'middle_name'), columns.value(cells, 'last_name')) ?? columns.value(cells, 'file_as'),
    title: columns.value(cells, 'organization_title'),
    department: columns.value(cells, 'organization_department'),
    email: numberedValues(columns, cells, 'e_mail', 'label').find((entry) => looksLikeEmail(entry.value))?.value,
    phone: pickPhone(numberedValues(columns, cells, 'phone', 'label')),
    profileUrl: webAddress(numberedValues(columns, cells, 'website', 'label')[0]?.value),
  }),
};

export const googleLegacyReader: FormatReader = {
  format: 'google-legacy',
  matches: (columns) => columns.has('given_name') && columns.has('organization_1_name'),
  toRecord: (columns, { line, cells }) => ({
    line,
    account: firstOfMany(columns.value(cells, 'organization_1_name')),
    accountColumn: columns.headerOf(['organization_1_name']),
    name: columns.value(cells, 'name') ?? joinName(columns.value(cells, 'given_name'), columns.value(cells, 'additional_name'), columns.value(cells, 'family_name')),
    title: firstOfMany(columns.value(cells, 'organization_1_title')),
    department: firstOfMany(columns.value(cells, 'organization_1_department')),
    email: numberedValues(columns, cells, 'e_mail', 'type').find((entry) => looksLikeEmail(entry.value))?.value,
    phone: pickPhone(numberedValues(columns, cells, 'phone', 'type')),
    profileUrl: webAddress(numberedValues(columns, cells, 'website', 'type')[0]?.value),
  }),
};
