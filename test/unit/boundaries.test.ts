import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const domainDir = path.resolve('src/domain');
const FORBIDDEN = [/^@slack\//, /^@microsoft\//, /^botbuilder/, /^drizzle-orm/, /^postgres$/, /^@electric-sql\//];

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s*['"]([^'"]+)['"]/g)) {
    specifiers.push(match[1] ?? match[2] ?? match[3]!);
  }
  return specifiers;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('domain boundary', () => {
  const files = listFiles(domainDir).filter((file) => file.endsWith('.ts'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [path.relative(domainDir, file), file]))('%s imports no platform or store package', (_name, file) => {
    const specifiers = importsOf(readFileSync(file, 'utf8'));
    const forbidden = specifiers.filter((specifier) => FORBIDDEN.some((pattern) => pattern.test(specifier)));
    expect(forbidden).toEqual([]);
    const outside = specifiers.filter((specifier) => specifier.startsWith('.') && !path.resolve(path.dirname(file), specifier).startsWith(domainDir));
    expect(outside).toEqual([]);
  });

  it('detects a forbidden import', () => {
    expect(importsOf("import { App } from '@slack/bolt';\nimport x from 'drizzle-orm';")).toEqual(['@slack/bolt', 'drizzle-orm']);
  });
});
