import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How one institution (or district) answered the final documents sent to it: counts, and the same per report. */
export interface ScoreboardFigures {
  /** Final documents sent to it: one per report or raid controlled. */
  reports: number;
  recommendations: number;
  answeredOnTime: number;
  /** Answered after the reply deadline, or still unanswered past it. */
  late: number;
  refused: number;
  escalated: number;
  /**
   * Each figure divided by the reports it came from, so an institution that receives many reports does not look
   * worse for it than one that receives few (3 decimals).
   */
  perReport: Omit<ScoreboardFigures, 'reports' | 'perReport'>;
}

export interface PublicControlScoreboard {
  byInstitution: Array<{ institutionBin: string } & ScoreboardFigures>;
  /** null: reports that name no district (a budget report). */
  byDistrict: Array<{ district: string | null } & ScoreboardFigures>;
}

const FIGURES = `
  count(DISTINCT document_id)::int AS reports,
  count(*)::int AS recommendations,
  count(*) FILTER (WHERE r->'reply' <> 'null'::jsonb AND NOT (r->'reply'->>'late')::boolean)::int AS "answeredOnTime",
  count(*) FILTER (WHERE (r->'reply' <> 'null'::jsonb AND (r->'reply'->>'late')::boolean)
                      OR (r->'reply' = 'null'::jsonb AND (r->>'replyOverdue')::boolean))::int AS late,
  count(*) FILTER (WHERE r->'reply'->>'position' = 'refused')::int AS refused,
  count(*) FILTER (WHERE r->'escalation' <> 'null'::jsonb)::int AS escalated`;

const PER_REPORT = ['recommendations', 'answeredOnTime', 'late', 'refused', 'escalated'] as const;

/**
 * The public scoreboard of public control: per institution and per district, the recommendations their final
 * documents carried once sent (what reached the institution), and how they were answered.
 */
@Injectable()
export class ControlScoreboardQueries {
  constructor(private readonly dataSource: DataSource) {}

  async scoreboard(): Promise<PublicControlScoreboard> {
    const by = (column: 'institution_bin' | 'district', as: string) =>
      this.dataSource.query(
        `SELECT ${column} AS "${as}", ${FIGURES}
           FROM control_documents d, jsonb_array_elements(d.recommendations) r
          WHERE d.status = 'sent'
          GROUP BY 1 ORDER BY 1 NULLS LAST`,
      );
    const [institutions, districts] = await Promise.all([
      by('institution_bin', 'institutionBin'),
      by('district', 'district'),
    ]);
    return { byInstitution: institutions.map(withPerReport), byDistrict: districts.map(withPerReport) };
  }
}

function withPerReport<T extends Omit<ScoreboardFigures, 'perReport'>>(
  row: T,
): T & Pick<ScoreboardFigures, 'perReport'> {
  const perReport = Object.fromEntries(
    PER_REPORT.map((figure) => [figure, Math.round((row[figure] / row.reports) * 1000) / 1000]),
  ) as ScoreboardFigures['perReport'];
  return { ...row, perReport };
}
