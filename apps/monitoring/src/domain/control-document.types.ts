import type { CalendarDay } from '@app/domain-kernel';

/**
 * Kazakhstan's Law "On Public Control" (2 October 2023 No. 30-VIII), art. 13: the final document of public control is
 * a protocol, a conclusion or recommendations; it goes to the object of control within a number of working days after
 * control ends, the object answers each recommendation with reasons within a number of working days after receiving it,
 * and a public hearing is announced a number of working days ahead. The numbers come from configuration
 * (PublicControlTerms), never from the decider.
 */
export const FINAL_DOCUMENT_KINDS = ['protocol', 'conclusion', 'recommendations'] as const;
export type FinalDocumentKind = (typeof FINAL_DOCUMENT_KINDS)[number];

/** What public control was exercised over: a citizen's report the club accepted, or one of the club's raids. */
export const CONTROL_SUBJECT_KINDS = ['report', 'raid'] as const;
export type ControlSubjectKind = (typeof CONTROL_SUBJECT_KINDS)[number];

/** The object of control's answer to one recommendation. */
export const REPLY_POSITIONS = ['accepted', 'partly_accepted', 'refused'] as const;
export type ReplyPosition = (typeof REPLY_POSITIONS)[number];

/** Why a recommendation went to an authorised body: refused, or not answered by its deadline. */
export type EscalationGrounds = 'refused' | 'unanswered';

export type ControlDocumentStatus = 'none' | 'issued' | 'sent';

/**
 * The article's clock as configured, handed to the decider with each command that counts a deadline: the one
 * working-day calendar (Asia/Almaty dates) and the three periods in working days.
 */
export interface PublicControlTerms {
  calendar: { addWorkingDays(day: string, n: number): CalendarDay };
  sendWithinWorkingDays: number;
  replyWithinWorkingDays: number;
  hearingNoticeWorkingDays: number;
}
