// Contact influence in their organisation, from 0 to 1. It combines the rank that the title or
// civil-service grade implies, the formal span of control (everyone below the contact through the
// current reporting lines) and informal centrality (the weight of the influence links that start
// from the contact). Formulas and a worked example are in docs/scoring.md.
import { normalizeName } from './names.js';

export const RANK_WEIGHT = 0.5;
export const SPAN_WEIGHT = 0.3;
export const CENTRALITY_WEIGHT = 0.2;

/** Reports (direct and indirect) at which the span part reaches half its weight. */
export const SPAN_HALF_POINT = 10;

/** Sum of outgoing influence-link weights at which the centrality part reaches half its weight. */
export const CENTRALITY_HALF_POINT = 2;

/** Rank of a title that no rule recognises. */
export const UNKNOWN_RANK = 0.3;

/** Rank added for "Senior" and removed for "Junior", in the seniority field or the title. */
export const SENIORITY_STEP = 0.1;

// UK Senior Civil Service pay bands: SCS4 permanent secretary … SCS1 deputy director.
const GRADE_RANKS: Record<string, number> = { scs4: 1, scs3: 0.85, scs2: 0.7, scs1a: 0.55, scs1: 0.5 };
const GRADE_PATTERN = /\b(scs) ?(1a|[1-4])\b/;

// Title words in English and French, on normalised text (lower case, no accents or punctuation).
// Rules are tried in order and each match is removed before the next rule, so "vice president"
// is not read again as "president" and "deputy director" not again as "director". The title's
// rank is the highest rank matched.
const TITLE_RULES: ReadonlyArray<readonly [RegExp, number]> = [
  [/\b(directeur general adjoint|directrice generale adjointe|deputy chief executive)\b/g, 0.85],
  [/\b(vice president|vice presidente|vp|svp|evp)\b/g, 0.75],
  [/\b(president directeur general|pdg|president|presidente|ceo|chief executive|permanent secretary|directeur general|directrice generale)\b/g, 1],
  [/\b(chief (\w+ ){1,2}officer|coo|cfo|cto|cro|cio|cmo)\b/g, 0.9],
  [/\b(managing director|mng director|mng dir|director general)\b/g, 0.85],
  [/\b(deputy director|assistant director|asst director|directeur adjoint|directrice adjointe)\b/g, 0.5],
  [/\b(gen cnsl asst|asst gen cnsl|assistant general counsel)\b/g, 0.45],
  [/\b(general counsel|gen cnsl)\b/g, 0.8],
  [/\bchief\b/g, 0.8],
  [/\b(director|directeur|directrice|dir|head)\b/g, 0.6],
  [/\b(manager|mgr|lead|responsable|chef)\b/g, 0.4],
  [/\b(specialist|analyst|associate|trader|attorney|counsel|cnsl|engineer|consultant|adviser|advisor|economist|ingenieur|ingenieure|charge|chargee)\b/g, 0.25],
  [/\b(assistant|assistante|asst|administrator|employee|intern|trainee|coordinator|stagiaire)\b/g, 0.15],
];

/**
 * Ranks a contact from 0 to 1 by grade or title. A civil-service grade (SCS1…SCS4, in the
 * seniority field or the title) decides alone. Otherwise the title's words decide, moved up or
 * down by SENIORITY_STEP for "Senior" or "Junior".
 */
export function titleRank(title: string | null, seniority: string | null): number {
  const titleText = normalizeName(title ?? '');
  const seniorityText = normalizeName(seniority ?? '');

  const grade = GRADE_PATTERN.exec(seniorityText) ?? GRADE_PATTERN.exec(titleText);
  if (grade) return GRADE_RANKS[`${grade[1]}${grade[2]}`]!;

  let remaining = titleText;
  let rank: number | null = null;
  for (const [pattern, ruleRank] of TITLE_RULES) {
    const matched = remaining.replace(pattern, ' ');
    if (matched !== remaining) rank = Math.max(rank ?? 0, ruleRank);
    remaining = matched;
  }

  const words = new Set(`${titleText} ${seniorityText}`.split(' '));
  const step = words.has('senior') || words.has('sr') ? SENIORITY_STEP : words.has('junior') || words.has('jr') ? -SENIORITY_STEP : 0;
  return clamp((rank ?? UNKNOWN_RANK) + step);
}

export interface ReportingLine {
  contactId: string;
  managerId: string;
}

/**
 * Counts, for every contact in the given (current) reporting lines, the people below them,
 * directly or indirectly. Writes reject loops in the lines; should one exist anyway, the count
 * stops where the loop closes instead of running forever.
 */
export function spansOfControl(lines: readonly ReportingLine[]): Map<string, number> {
  const reportsOf = new Map<string, string[]>();
  for (const line of lines) {
    const reports = reportsOf.get(line.managerId);
    if (reports) reports.push(line.contactId);
    else reportsOf.set(line.managerId, [line.contactId]);
  }

  const spans = new Map<string, number>();
  const inProgress = new Set<string>();
  const spanOf = (managerId: string): number => {
    const known = spans.get(managerId);
    if (known !== undefined) return known;
    if (inProgress.has(managerId)) return 0;
    inProgress.add(managerId);
    let total = 0;
    for (const reportId of reportsOf.get(managerId) ?? []) total += 1 + spanOf(reportId);
    inProgress.delete(managerId);
    spans.set(managerId, total);
    return total;
  };
  for (const managerId of reportsOf.keys()) spanOf(managerId);
  return spans;
}

export interface InfluenceInputs {
  title: string | null;
  seniority: string | null;
  /** The rank of title and seniority, when already computed (see rankTitles). */
  rank?: number;
  /** Direct and indirect reports through the current reporting lines. */
  reports: number;
  /** Sum of the weights (0 to 1 each) of the influence links that start from the contact. */
  influenceWeight: number;
}

/**
 * Influence from 0 to 1:
 * 0.5 × rank + 0.3 × reports / (reports + 10) + 0.2 × weight / (weight + 2).
 */
export function contactInfluence(inputs: InfluenceInputs): number {
  const reports = Math.max(0, inputs.reports);
  const weight = Math.max(0, inputs.influenceWeight);
  const span = reports / (reports + SPAN_HALF_POINT);
  const centrality = weight / (weight + CENTRALITY_HALF_POINT);
  const rank = inputs.rank ?? titleRank(inputs.title, inputs.seniority);
  return RANK_WEIGHT * rank + SPAN_WEIGHT * span + CENTRALITY_WEIGHT * centrality;
}

/** Returns titleRank with a cache: an account has thousands of contacts but few distinct titles. */
export function rankTitles(): (title: string | null, seniority: string | null) => number {
  const cache = new Map<string, number>();
  return (title, seniority) => {
    const key = `${title ?? ''}\u0000${seniority ?? ''}`;
    let rank = cache.get(key);
    if (rank === undefined) {
      rank = titleRank(title, seniority);
      cache.set(key, rank);
    }
    return rank;
  };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));
}
