import type { ReportLanguage } from '../domain/report-language';
import type { NoticeKind, ReportNotice } from '../read-models/citizen-notices/report-notices.columns';
import { CONTROL_NOTICE_TEXTS } from './control-notice-texts';

/** What a notice says to a person: a title (the e-mail's subject, the feed entry's title) and a sentence or two. */
export interface NoticeText {
  title: string;
  body: string;
}

type Say = (n: ReportNotice) => NoticeText;

const d = (n: ReportNotice, key: string) => n.details[key] ?? '';

/** Where an accepted report went, in each language (as the object of "forwarded it to …"). */
const FORWARDED_TO: Record<ReportLanguage, Record<string, string>> = {
  kk: { 'road-cases': 'жол қызметіне', budgets: 'бюджеттің атқарылуын тексеруге' },
  ru: { 'road-cases': 'в дорожную службу', budgets: 'на проверку исполнения бюджета' },
  en: { 'road-cases': 'the road authority', budgets: 'the budget oversight' },
};

const resolvedFixed = (n: ReportNotice) => d(n, 'outcome') === 'fixed';

/** A verified defect's severity (DefectVerifiedV1), in each language. */
const SEVERITY: Record<ReportLanguage, Record<string, string>> = {
  kk: { low: 'төмен', medium: 'орташа', high: 'жоғары', critical: 'аса қауіпті' },
  ru: { low: 'низкая', medium: 'средняя', high: 'высокая', critical: 'критическая' },
  en: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
};
const severity = (n: ReportNotice, language: ReportLanguage) =>
  SEVERITY[language][d(n, 'severity')] ?? d(n, 'severity');
/** The contractor's due date, the day only. */
const due = (n: ReportNotice) => d(n, 'dueAt').slice(0, 10);

/**
 * Each kind of notice in Kazakh (the state language), Russian and English. The reporter's own words (a reason they
 * gave for reopening) and the club's reasons are quoted as given, untranslated.
 */
const TEXTS: Record<ReportLanguage, Record<NoticeKind, Say>> = {
  kk: {
    ReportSubmitted: (n) => ({
      title: 'Өтінішіңіз қабылданды',
      body: `${n.reportId} өтініші қабылданды және клубтың қарауын күтуде.`,
    }),
    ReviewStarted: (n) => ({ title: 'Өтінішіңіз қаралуда', body: `Клуб ${n.reportId} өтінішін қарауды бастады.` }),
    ReportAccepted: (n) => ({
      title: 'Өтінішіңіз мақұлданды',
      body: `Клуб ${n.reportId} өтінішін мақұлдап, оны ${FORWARDED_TO.kk[d(n, 'forwardedTo')] ?? d(n, 'forwardedTo')} жіберді.`,
    }),
    ReportRejected: (n) => ({
      title: 'Өтінішіңіз қабылданбады',
      body: `Клуб ${n.reportId} өтінішін қабылдамады. Себебі: ${d(n, 'reason')}`,
    }),
    ReportMarkedDuplicate: (n) => ({
      title: 'Өтінішіңіз басқа өтінішті қайталайды',
      body: `Клуб ${n.reportId} өтінішінің ${d(n, 'duplicateOf')} өтінішін қайталайтынын анықтады; соны қадағалаңыз.`,
    }),
    ReportCaseLinked: (n) => ({
      title: 'Жол ісі ашылды',
      body: `${n.reportId} өтініші бойынша ${n.caseId} жол ісі ашылды.`,
    }),
    ReportResolved: (n) =>
      resolvedFixed(n)
        ? { title: 'Ақау жойылды', body: `${n.reportId} өтініші шешілді: ақау жойылды.` }
        : {
            title: 'Өтініш ақау жойылмай жабылды',
            body: `${n.reportId} өтініші ақау жойылмай жабылды. Себебі: ${d(n, 'reason')}`,
          },
    ReportReopened: (n) => ({
      title: 'Өтінішіңіз қайта ашылды',
      body: `${n.reportId} өтініші қайта ашылды. Себебі: ${d(n, 'reason')}`,
    }),
    DefectVerified: (n) => ({
      title: 'Ақау расталды',
      body: `Инспектор ${n.reportId} өтініші бойынша ақауды растады (${n.caseId} жол ісі); маңыздылығы: ${severity(n, 'kk')}.`,
    }),
    ContractorAssigned: (n) => ({
      title: 'Мердігер тағайындалды',
      body: `${n.reportId} өтініші бойынша ${n.caseId} жол ісі БСН ${d(n, 'contractorBin')} мердігеріне тапсырылды, мерзімі — ${due(n)}.`,
    }),
    RepairReported: (n) => ({
      title: 'Мердігер жөндеу туралы хабарлады',
      body: `Мердігер ${n.reportId} өтініші бойынша жөндеудің аяқталғанын хабарлады (${n.caseId} жол ісі); оны инспектор тексереді.`,
    }),
    RepairAccepted: (n) => ({
      title: 'Жөндеу қабылданды',
      body: `Инспектор ${n.reportId} өтініші бойынша жөндеуді қабылдады (${n.caseId} жол ісі).`,
    }),
    RepairRejected: (n) => ({
      title: 'Жөндеу қайта істеуге қайтарылды',
      body: `Инспектор ${n.reportId} өтініші бойынша жөндеуді қайта істеуге қайтарды (${n.caseId} жол ісі). Себебі: ${d(n, 'reason')}`,
    }),
    CaseReopened: (n) => ({
      title: 'Жол ісі қайта ашылды',
      body: `${n.reportId} өтініші бойынша ${n.caseId} жол ісі қайта ашылды. Себебі: ${d(n, 'reason')}`,
    }),
    ...CONTROL_NOTICE_TEXTS.kk,
  },
  ru: {
    ReportSubmitted: (n) => ({
      title: 'Ваше обращение получено',
      body: `Обращение ${n.reportId} получено и ожидает рассмотрения клубом.`,
    }),
    ReviewStarted: (n) => ({
      title: 'Ваше обращение рассматривается',
      body: `Клуб начал рассмотрение обращения ${n.reportId}.`,
    }),
    ReportAccepted: (n) => ({
      title: 'Ваше обращение принято',
      body: `Клуб принял обращение ${n.reportId} и передал его ${FORWARDED_TO.ru[d(n, 'forwardedTo')] ?? d(n, 'forwardedTo')}.`,
    }),
    ReportRejected: (n) => ({
      title: 'Ваше обращение отклонено',
      body: `Клуб отклонил обращение ${n.reportId}. Причина: ${d(n, 'reason')}`,
    }),
    ReportMarkedDuplicate: (n) => ({
      title: 'Ваше обращение повторяет другое',
      body: `Клуб установил, что обращение ${n.reportId} повторяет обращение ${d(n, 'duplicateOf')}; следите за ним.`,
    }),
    ReportCaseLinked: (n) => ({
      title: 'Открыто дорожное дело',
      body: `По обращению ${n.reportId} открыто дорожное дело ${n.caseId}.`,
    }),
    ReportResolved: (n) =>
      resolvedFixed(n)
        ? { title: 'Дефект устранён', body: `Обращение ${n.reportId} решено: дефект устранён.` }
        : {
            title: 'Обращение закрыто без устранения',
            body: `Обращение ${n.reportId} закрыто без устранения дефекта. Причина: ${d(n, 'reason')}`,
          },
    ReportReopened: (n) => ({
      title: 'Ваше обращение открыто повторно',
      body: `Обращение ${n.reportId} открыто повторно. Причина: ${d(n, 'reason')}`,
    }),
    DefectVerified: (n) => ({
      title: 'Дефект подтверждён',
      body: `Инспектор подтвердил дефект по обращению ${n.reportId} (дорожное дело ${n.caseId}); серьёзность: ${severity(n, 'ru')}.`,
    }),
    ContractorAssigned: (n) => ({
      title: 'Назначен подрядчик',
      body: `Дорожное дело ${n.caseId} по обращению ${n.reportId} поручено подрядчику с БИН ${d(n, 'contractorBin')}, срок — ${due(n)}.`,
    }),
    RepairReported: (n) => ({
      title: 'Подрядчик сообщил о ремонте',
      body: `Подрядчик сообщил о завершении ремонта по обращению ${n.reportId} (дорожное дело ${n.caseId}); его проверит инспектор.`,
    }),
    RepairAccepted: (n) => ({
      title: 'Ремонт принят',
      body: `Инспектор принял ремонт по обращению ${n.reportId} (дорожное дело ${n.caseId}).`,
    }),
    RepairRejected: (n) => ({
      title: 'Ремонт возвращён на доработку',
      body: `Инспектор вернул ремонт по обращению ${n.reportId} на доработку (дорожное дело ${n.caseId}). Причина: ${d(n, 'reason')}`,
    }),
    CaseReopened: (n) => ({
      title: 'Дорожное дело открыто повторно',
      body: `Дорожное дело ${n.caseId} по обращению ${n.reportId} открыто повторно. Причина: ${d(n, 'reason')}`,
    }),
    ...CONTROL_NOTICE_TEXTS.ru,
  },
  en: {
    ReportSubmitted: (n) => ({
      title: 'Your report was received',
      body: `Report ${n.reportId} was received and awaits the club's review.`,
    }),
    ReviewStarted: (n) => ({
      title: 'Your report is under review',
      body: `The club began reviewing report ${n.reportId}.`,
    }),
    ReportAccepted: (n) => ({
      title: 'Your report was accepted',
      body: `The club accepted report ${n.reportId} and forwarded it to ${FORWARDED_TO.en[d(n, 'forwardedTo')] ?? d(n, 'forwardedTo')}.`,
    }),
    ReportRejected: (n) => ({
      title: 'Your report was rejected',
      body: `The club rejected report ${n.reportId}. Reason: ${d(n, 'reason')}`,
    }),
    ReportMarkedDuplicate: (n) => ({
      title: 'Your report repeats another',
      body: `The club found that report ${n.reportId} repeats report ${d(n, 'duplicateOf')}; follow that one.`,
    }),
    ReportCaseLinked: (n) => ({
      title: 'A road case was opened',
      body: `Road case ${n.caseId} was opened for report ${n.reportId}.`,
    }),
    ReportResolved: (n) =>
      resolvedFixed(n)
        ? { title: 'The defect was fixed', body: `Report ${n.reportId} was resolved: the defect was fixed.` }
        : {
            title: 'Your report was closed without a fix',
            body: `Report ${n.reportId} was closed without the defect being fixed. Reason: ${d(n, 'reason')}`,
          },
    ReportReopened: (n) => ({
      title: 'Your report was reopened',
      body: `Report ${n.reportId} was reopened. Reason: ${d(n, 'reason')}`,
    }),
    DefectVerified: (n) => ({
      title: 'The road defect was verified',
      body: `An inspector verified the defect of report ${n.reportId} (road case ${n.caseId}); severity: ${severity(n, 'en')}.`,
    }),
    ContractorAssigned: (n) => ({
      title: 'A contractor was assigned',
      body: `Road case ${n.caseId} of report ${n.reportId} was assigned to the contractor with BIN ${d(n, 'contractorBin')}, due by ${due(n)}.`,
    }),
    RepairReported: (n) => ({
      title: 'The contractor reported the repair',
      body: `The contractor reported the repair for report ${n.reportId} (road case ${n.caseId}) done; an inspector will check it.`,
    }),
    RepairAccepted: (n) => ({
      title: 'The repair was accepted',
      body: `An inspector accepted the repair for report ${n.reportId} (road case ${n.caseId}).`,
    }),
    RepairRejected: (n) => ({
      title: 'The repair was sent back',
      body: `An inspector sent the repair for report ${n.reportId} back for rework (road case ${n.caseId}). Reason: ${d(n, 'reason')}`,
    }),
    CaseReopened: (n) => ({
      title: 'The road case was reopened',
      body: `Road case ${n.caseId} of report ${n.reportId} was reopened. Reason: ${d(n, 'reason')}`,
    }),
    ...CONTROL_NOTICE_TEXTS.en,
  },
};

/** Why the reporter gets the e-mail, at its foot. */
const WHY: Record<ReportLanguage, (reportId: string) => string> = {
  kk: (id) => `Бұл хатты ${id} өтінішінде электрондық пошта мекенжайыңызды қалдырғаныңыз үшін алдыңыз.`,
  ru: (id) => `Вы получили это письмо, потому что оставили адрес электронной почты в обращении ${id}.`,
  en: (id) => `You receive this because you left your e-mail address with report ${id}.`,
};

/** The notice in the given language (the reporter's choice by default). */
export function noticeText(notice: ReportNotice, language: ReportLanguage = notice.language): NoticeText {
  return TEXTS[language][notice.kind](notice);
}

/** The e-mail to the reporter: the notice's text in their language, and why they receive it. */
export function noticeEmail(notice: ReportNotice): { subject: string; text: string } {
  const { title, body } = noticeText(notice);
  return { subject: title, text: `${body}\n\n--\n${WHY[notice.language](notice.reportId)}\n` };
}

/** A feed's title in each language. */
export const FEED_TITLES: Record<ReportLanguage, { report: Say1; district: Say1; institution: Say1 }> = {
  kk: {
    report: (id) => `${id} өтініші`,
    district: (name) => `${name}: өтініштер`,
    institution: (bin) => `БСН ${bin} мекемесі бойынша өтініштер`,
  },
  ru: {
    report: (id) => `Обращение ${id}`,
    district: (name) => `Обращения: ${name}`,
    institution: (bin) => `Обращения по учреждению БИН ${bin}`,
  },
  en: {
    report: (id) => `Report ${id}`,
    district: (name) => `Reports in ${name}`,
    institution: (bin) => `Reports on the institution with BIN ${bin}`,
  },
};
type Say1 = (value: string) => string;
