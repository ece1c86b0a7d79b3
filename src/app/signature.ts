// Reads a person's contact details out of signature-like text: an e-mail footer, a pasted
// business card or a chat message. Every field is a guess for a person to confirm, never a fact.

export interface SignatureFields {
  name?: string;
  title?: string;
  company?: string;
  email?: string;
  phone?: string;
  website?: string;
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// A run of digits, spaces, dots, dashes and brackets with an optional leading +; digit count checked apart.
const PHONE = /(?:\+|00)?\(?\d[\d\s().\u00a0/-]{5,}\d/g;
const URL_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>|]+/i;
const LABEL =
  /^(?:(?:t(?:e|é)l(?:e|é)phone|t(?:e|é)l|phone|mobile|mob|cell|portable|port|gsm|fixe|direct|ligne directe|office|bureau|standard|email|e-mail|mail|courriel|web|site|website)\b\s*[.:]?|[mtpew]\s*[.:])\s*/i;

const CLOSINGS = [
  'best regards', 'kind regards', 'warm regards', 'regards', 'best', 'many thanks', 'thanks', 'thank you', 'cheers', 'sincerely', 'yours sincerely', 'all the best',
  'cordialement', 'bien cordialement', 'très cordialement', 'bien à vous', 'bien a vous', 'salutations', 'meilleures salutations', 'merci', 'merci beaucoup', 'bonne journée', 'à bientôt', 'amitiés',
];

const TITLE_WORDS = [
  'ceo', 'cfo', 'cto', 'coo', 'cio', 'cmo', 'cso', 'cpo', 'ciso', 'vp', 'svp', 'evp', 'md', 'dg', 'daf', 'dsi', 'drh', 'pdg',
  'president', 'vice', 'chief', 'head', 'director', 'manager', 'lead', 'officer', 'partner', 'associate', 'consultant', 'engineer', 'analyst',
  'specialist', 'counsel', 'trader', 'buyer', 'founder', 'cofounder', 'co-founder', 'owner', 'coordinator', 'assistant', 'secretary', 'administrator',
  'architect', 'developer', 'designer', 'advisor', 'adviser', 'representative', 'executive', 'principal', 'mgr', 'dir', 'sr', 'senior', 'junior',
  'directeur', 'directrice', 'responsable', 'chef', 'chargé', 'chargée', 'président', 'présidente', 'gérant', 'gérante', 'ingénieur', 'ingénieure',
  'associé', 'associée', 'acheteur', 'acheteuse', 'fondateur', 'fondatrice', 'secrétaire', 'juriste', 'avocat', 'avocate', 'conseiller', 'conseillère',
  'commercial', 'commerciale', 'attaché', 'attachée', 'adjoint', 'adjointe', 'délégué', 'déléguée', 'procurement', 'purchasing', 'sales', 'legal',
];

const COMPANY_SUFFIXES = [
  'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'plc', 'llc', 'llp', 'gmbh', 'ag', 'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'snc',
  'bv', 'nv', 'spa', 'srl', 'oy', 'ab', 'as', 'group', 'groupe', 'holding', 'holdings', 'company', 'co', 'bank', 'banque', 'partners', 'associates',
];

const GENERIC_MAIL_DOMAINS = new Set([
  'gmail', 'googlemail', 'outlook', 'hotmail', 'live', 'msn', 'yahoo', 'icloud', 'me', 'mac', 'aol', 'proton', 'protonmail', 'gmx', 'orange', 'free',
  'wanadoo', 'sfr', 'laposte', 'bbox', 'neuf', 'club-internet', 'yandex', 'mail', 'zoho', 'fastmail', 'hey', 'tutanota',
]);

const NAME_PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'dos', 'das', 'ten', 'ter', 'bin', 'al', 'el', 'y', 'e']);
const SEPARATORS = /\s*(?:\||•|·|\u2022|\s[-–—]\s|,)\s*/;

/** Reads name, title, company, e-mail, phone and website from signature-like text. */
export function parseSignature(raw: string): SignatureFields {
  const lines = signatureLines(toPlainText(raw));
  const fields: SignatureFields = {};

  const email = findEmail(lines);
  if (email) fields.email = email;
  const phone = findPhone(lines);
  if (phone) fields.phone = phone;
  const website = findWebsite(lines);
  if (website) fields.website = website;

  const identity = readIdentity(lines);
  Object.assign(fields, identity);

  if (!fields.name && email) {
    const fromEmail = nameFromEmail(email);
    if (fromEmail) fields.name = fromEmail;
  }
  if (!fields.company && email) {
    const fromDomain = companyFromDomain(email);
    if (fromDomain) fields.company = fromDomain;
  }
  return fields;
}

/** Turns Slack mrkdwn and HTML-escaped text into plain lines: links, mentions and emphasis removed. */
export function toPlainText(raw: string): string {
  return raw
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<tel:([^|>]+)\|([^>]*)>/g, '$2')
    .replace(/<tel:([^|>]+)>/g, '$1')
    .replace(/<((?:https?):\/\/[^|>]+)\|([^>]*)>/g, (_match, url: string, label: string) => (/^[\w-]+(?:\.[\w-]+)+\/?/.test(label) ? url : label))
    .replace(/<((?:https?):\/\/[^|>]+)>/g, '$1')
    .replace(/<@[UW][A-Z0-9]+\|([^>]+)>/g, '@$1')
    .replace(/<@[UW][A-Z0-9]+>/g, '')
    .replace(/<#[A-Z0-9]+(?:\|([^>]*))?>/g, '#$1')
    .replace(/<![^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/(^|[\s(])[*_~]+(?=\S)|(?<=\S)[*_~]+(?=$|[\s),.;:])/gm, '$1')
    .replace(/\r\n?/g, '\n');
}

/** Returns the lines most likely to be the signature: after the last closing, else around the contact lines. */
function signatureLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^[>\s]+/, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0 && !/^[-_=–—*]{2,}$/.test(line));

  const closingIndex = findLastIndex(lines, isClosing);
  if (closingIndex >= 0 && closingIndex < lines.length - 1) return lines.slice(closingIndex + 1).map(stripClosing);
  if (lines.length <= 8) return lines.map(stripClosing);

  const firstContact = lines.findIndex(isContactLine);
  if (firstContact >= 0) return lines.slice(Math.max(0, firstContact - 4), firstContact + 4);
  return lines.slice(-6);
}

function isClosing(line: string): boolean {
  const words = line.toLowerCase().replace(/[,.!]+$/, '').trim();
  return CLOSINGS.includes(words);
}

/** Removes a closing that starts the line ("Thanks, Marie Dupont" keeps "Marie Dupont"). */
function stripClosing(line: string): string {
  const lower = line.toLowerCase();
  for (const closing of CLOSINGS) {
    if (lower.startsWith(`${closing},`)) return line.slice(closing.length + 1).trim();
  }
  return line;
}

function isContactLine(line: string): boolean {
  if (EMAIL.test(line) || URL_TEXT.test(line)) return true;
  const stripped = line.replace(LABEL, '');
  const digits = stripped.replace(/\D/g, '').length;
  return digits >= 6 && digits / stripped.replace(/\s/g, '').length > 0.5;
}

function findEmail(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = EMAIL.exec(line);
    if (match) return match[0].toLowerCase();
  }
  return undefined;
}

/** Finds the first phone number of 8 to 15 digits, preferring a labelled line over an unlabelled one. */
function findPhone(lines: string[]): string | undefined {
  const candidates: Array<{ number: string; labelled: boolean }> = [];
  for (const line of lines) {
    const labelled = LABEL.test(line) && !/^(fax)/i.test(line);
    for (const match of line.replace(EMAIL, ' ').replace(URL_TEXT, ' ').matchAll(PHONE)) {
      const number = match[0].trim().replace(/[\s\u00a0]+/g, ' ');
      const digits = number.replace(/\D/g, '').length;
      if (digits < 8 || digits > 15 || /^\d{4}-\d{2}-\d{2}$/.test(number)) continue;
      if (/^fax\b/i.test(line)) continue;
      candidates.push({ number, labelled });
    }
  }
  return (candidates.find((candidate) => candidate.labelled) ?? candidates[0])?.number;
}

function findWebsite(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = URL_TEXT.exec(line);
    if (match) return match[0].replace(/[.,;)]+$/, '');
  }
  return undefined;
}

/** Name, title and company from the lines that are not e-mail, phone or web lines. */
function readIdentity(lines: string[]): Pick<SignatureFields, 'name' | 'title' | 'company'> {
  const parts = lines
    .filter((line) => !isContactLine(line) || SEPARATORS.test(line))
    .flatMap((line) => splitLine(line.replace(LABEL_ONLY, '')))
    .filter((part) => !isContactLine(part));
  const result: Pick<SignatureFields, 'name' | 'title' | 'company'> = {};

  const nameIndex = parts.findIndex((part) => looksLikeName(part));
  if (nameIndex >= 0) result.name = cleanName(parts[nameIndex]!);
  const rest = nameIndex >= 0 ? parts.slice(nameIndex + 1) : parts;

  for (const part of rest) {
    if (!result.title && looksLikeTitle(part)) {
      const [title, company] = splitTitleAndCompany(part);
      result.title = title;
      if (company && !result.company) result.company = company;
      continue;
    }
    if (!result.company && looksLikeCompany(part, Boolean(result.title), Boolean(result.name))) result.company = part;
  }
  return result;
}

// A line that is only a label ("Mobile:") carries nothing once the label is gone.
const LABEL_ONLY = /^(?:name|nom|title|titre|poste|fonction|company|société|societe|entreprise)\s*:\s*/i;

function splitLine(line: string): string[] {
  const pieces = line.split(SEPARATORS).map((piece) => piece.trim()).filter(Boolean);
  // "Marie Dupont, Head of Procurement" splits; "Dupont, Marie" stays one name.
  if (pieces.length === 2 && pieces.every((piece) => /^\p{Lu}[\p{L}'’-]+$/u.test(piece))) return [line];
  return pieces;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function isTitleWord(word: string): boolean {
  return TITLE_WORDS.includes(word.toLowerCase().replace(/[.,:;()]/g, ''));
}

function looksLikeName(text: string): boolean {
  if (/[\d@/:]|https?|www\./i.test(text)) return false;
  const tokens = words(text.replace(/^@/, ''));
  if (tokens.length < 2 || tokens.length > 5) return false;
  if (tokens.some(isTitleWord)) return false;
  if (tokens.some((token) => COMPANY_SUFFIXES.includes(token.toLowerCase().replace(/[.,]/g, '')))) return false;
  const isCapitalised = (token: string) => /^(?:\p{Lu}|[dO]['’]\p{Lu})/u.test(token);
  const capitalised = tokens.filter((token) => isCapitalised(token) && !NAME_PARTICLES.has(token.toLowerCase()));
  const allNameWords = tokens.every((token) => isCapitalised(token) || NAME_PARTICLES.has(token.toLowerCase()));
  return capitalised.length >= 2 && allNameWords && tokens.every((token) => /^[\p{L}'’.-]+$/u.test(token));
}

/** Keeps the name as written, but turns "DUPONT Marie" or "MARIE DUPONT" into capitalised words. */
function cleanName(text: string): string {
  return words(text.replace(/^@/, ''))
    .map((word) => (word.length > 2 && word === word.toUpperCase() ? capitalise(word) : word))
    .join(' ');
}

function capitalise(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

function looksLikeTitle(text: string): boolean {
  if (/[@]|https?|www\./i.test(text)) return false;
  return words(text).some(isTitleWord) || /\b(?:head of|chef de|chargée? de|responsable)\b/i.test(text);
}

/** Splits "VP Trading at Acme Energy" or "Directrice achats chez Société Générale". */
function splitTitleAndCompany(text: string): [string, string | undefined] {
  const match = /^(.+?)\s+(?:at|@|chez|for|pour)\s+(.+)$/i.exec(text);
  if (match && !looksLikeTitle(match[2]!)) return [match[1]!.trim(), match[2]!.trim()];
  return [text, undefined];
}

function looksLikeCompany(text: string, afterTitle: boolean, nameFound: boolean): boolean {
  if (/[@]|https?|www\./i.test(text) || text.length > 80) return false;
  const tokens = words(text);
  if (tokens.some((token) => COMPANY_SUFFIXES.includes(token.toLowerCase().replace(/[.,]/g, '')))) return true;
  // Right after a title, a short capitalised line is usually the employer, even one that reads
  // like a name once the person's name is known. An address has digits.
  return afterTitle && tokens.length <= 6 && /^\p{Lu}/u.test(text) && !/\d/.test(text) && (nameFound || !looksLikeName(text));
}

function nameFromEmail(email: string): string | undefined {
  const local = email.split('@')[0]!;
  const parts = local.split(/[._-]/).filter((part) => /^\p{L}{2,}$/u.test(part));
  if (parts.length < 2 || parts.length > 4) return undefined;
  return parts.map(capitalise).join(' ');
}

function companyFromDomain(email: string): string | undefined {
  const domain = email.split('@')[1]!;
  const labels = domain.split('.');
  const name = labels.length >= 2 ? labels[labels.length - 2]! : labels[0]!;
  if (GENERIC_MAIL_DOMAINS.has(name) || name.length < 2) return undefined;
  return name.split('-').map(capitalise).join(' ');
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index]!)) return index;
  return -1;
}
