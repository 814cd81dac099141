import type { Command } from '@app/domain-kernel';
import type {
  ControlSubjectKind,
  FinalDocumentKind,
  PublicControlTerms,
  ReplyPosition,
} from './control-document.types';

export type IssueFinalDocument = Command<
  'IssueFinalDocument',
  {
    documentId: string;
    subjectKind: ControlSubjectKind;
    subjectId: string;
    /** The subject's status as the handler read it from its own stream; the decider says which ones qualify. */
    subjectStatus: string;
    /** Read from the subject by the handler, as its status is. */
    subjectDistrict: string | null;
    documentKind: FinalDocumentKind;
    /** The object of control. */
    institutionBin: string;
    findings: string;
    /** In order: the first is recommendation 1. */
    recommendations: string[];
    /** 'YYYY-MM-DD' (Asia/Almaty): the day public control ended, from which the sending deadline is counted. */
    controlEndedOn: string;
    terms: PublicControlTerms;
  }
>;
export type SendFinalDocument = Command<'SendFinalDocument', { terms: PublicControlTerms }>;
export type RecordRecommendationReply = Command<
  'RecordRecommendationReply',
  {
    number: number;
    position: ReplyPosition;
    reasoning: string;
    evidence: string[];
    /** The BIN of the official's institution, from the verified token (null when the token has none). */
    replyingInstitutionBin: string | null;
  }
>;
export type ScheduleHearing = Command<
  'ScheduleHearing',
  { hearingId: string; hearingAt: string; place: string; terms: PublicControlTerms }
>;
export type MarkOverdue = Command<'MarkOverdue', Record<string, never>>;
export type EscalateRecommendation = Command<
  'EscalateRecommendation',
  { number: number; authority: string; authorityReference: string }
>;
export type RecordEscalationOutcome = Command<
  'RecordEscalationOutcome',
  { number: number; liability: boolean; protocolNumber: string | null; fineId: string | null; note: string }
>;

export type ControlDocumentCommand =
  | IssueFinalDocument
  | SendFinalDocument
  | RecordRecommendationReply
  | ScheduleHearing
  | MarkOverdue
  | EscalateRecommendation
  | RecordEscalationOutcome;
