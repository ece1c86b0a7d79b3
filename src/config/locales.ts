// Languages o2o speaks. Kept apart from the environment schema so the i18n module can import
// it without importing the schema, which itself uses translations.
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Returns the supported locale named by the first two letters of a tag ("fr_FR.UTF-8"), if any. */
export function localeFromTag(tag: string | null | undefined): Locale | undefined {
  const language = tag?.trim().slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : undefined;
}
