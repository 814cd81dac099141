import type { ReportLanguage } from '../domain/report-language';
import type { ControlNoticeKind, ReportNotice } from '../read-models/citizen-notices/report-notices.columns';
import type { NoticeText } from './notice-texts';

type Say = (n: ReportNotice) => NoticeText;

const d = (n: ReportNotice, key: string) => n.details[key] ?? '';
const bin = (n: ReportNotice) => n.institutionBin ?? '';
const late = (n: ReportNotice, words: string) => (d(n, 'late') === 'true' ? words : '');

/** The final document's kind (FinalDocumentIssued.documentKind), in each language. */
const DOCUMENT_KIND: Record<ReportLanguage, Record<string, string>> = {
  kk: { protocol: 'хаттама', conclusion: 'қорытынды', recommendations: 'ұсынымдар' },
  ru: { protocol: 'протокол', conclusion: 'заключение', recommendations: 'рекомендации' },
  en: { protocol: 'protocol', conclusion: 'conclusion', recommendations: 'recommendations' },
};
/** The institution's answer to one recommendation (RecommendationReplied.position). */
const POSITION: Record<ReportLanguage, Record<string, string>> = {
  kk: { accepted: 'қабылданды', partly_accepted: 'ішінара қабылданды', refused: 'қабылданбады' },
  ru: { accepted: 'принята', partly_accepted: 'принята частично', refused: 'отклонена' },
  en: { accepted: 'accepted', partly_accepted: 'partly accepted', refused: 'refused' },
};
/** Why a recommendation was escalated (RecommendationEscalated.grounds), said of the institution. */
const GROUNDS: Record<ReportLanguage, Record<string, string>> = {
  kk: { refused: 'оны қабылдамады', unanswered: 'оған мерзімінде жауап бермеді' },
  ru: { refused: 'её отклонило', unanswered: 'не ответило на неё в срок' },
  en: { refused: 'refused it', unanswered: 'did not answer it in time' },
};
const say = (table: Record<string, string>, value: string) => table[value] ?? value;
const liable = (n: ReportNotice) => d(n, 'liability') === 'true';

/**
 * The steps of public control over a report (Law "On Public Control" art. 13), in Kazakh, Russian and English. The
 * institution's reasoning, the authority's name and the place of a hearing are quoted as given.
 */
export const CONTROL_NOTICE_TEXTS: Record<ReportLanguage, Record<ControlNoticeKind, Say>> = {
  kk: {
    FinalDocumentIssued: (n) => ({
      title: 'Клуб қорытынды құжат жасады',
      body: `Клуб ${n.reportId} өтініші бойынша БСН ${bin(n)} мекемесіне қорытынды құжат (${say(DOCUMENT_KIND.kk, d(n, 'documentKind'))}) жасады, ұсынымдар саны: ${d(n, 'recommendations')}; ол ${d(n, 'sendDueOn')} дейін жіберілуі тиіс.`,
    }),
    FinalDocumentSent: (n) => ({
      title: 'Қорытынды құжат жіберілді',
      body: `Клубтың ${n.reportId} өтініші бойынша қорытынды құжаты БСН ${bin(n)} мекемесіне жіберілді${late(n, ' (кешігіп)')}; әр ұсынымға дәлелді жауап ${d(n, 'replyDueOn')} дейін күтіледі.`,
    }),
    DocumentSendingOverdue: (n) => ({
      title: 'Қорытынды құжаттың мерзімі өтті',
      body: `Клубтың ${n.reportId} өтініші бойынша қорытынды құжаты заңдағы мерзім — ${d(n, 'sendDueOn')} дейін жіберілмеді.`,
    }),
    RecommendationReplied: (n) => ({
      title: 'Мекеме ұсынымға жауап берді',
      body: `БСН ${bin(n)} мекемесі ${n.reportId} өтініші бойынша ${d(n, 'number')}-ұсынымға жауап берді: ${say(POSITION.kk, d(n, 'position'))}${late(n, ' (кешігіп)')}. Негіздемесі: ${d(n, 'reasoning')}`,
    }),
    RecommendationReplyOverdue: (n) => ({
      title: 'Жауап мерзімі өтті',
      body: `БСН ${bin(n)} мекемесі ${n.reportId} өтініші бойынша ${d(n, 'number')}-ұсынымға ${d(n, 'replyDueOn')} дейін жауап бермеді.`,
    }),
    HearingScheduled: (n) => ({
      title: 'Қоғамдық тыңдау белгіленді',
      body: `${n.reportId} өтініші бойынша қоғамдық тыңдау ${d(n, 'hearingOn')} күні өтеді, орны: ${d(n, 'place')}.`,
    }),
    RecommendationEscalated: (n) => ({
      title: 'Ұсыным уәкілетті органға жіберілді',
      body: `${n.reportId} өтініші бойынша ${d(n, 'number')}-ұсыным «${d(n, 'authority')}» органына жіберілді (нөмірі ${d(n, 'authorityReference')}): БСН ${bin(n)} мекемесі ${say(GROUNDS.kk, d(n, 'grounds'))}.`,
    }),
    EscalationOutcomeRecorded: (n) =>
      liable(n)
        ? {
            title: 'Жауапкершілікке тартылды',
            body: `${n.reportId} өтініші бойынша ${d(n, 'number')}-ұсыным жөнінде уәкілетті орган жауапкершілікке тартты: хаттама ${d(n, 'protocolNumber')}${d(n, 'fineId') ? `, айыппұл ${d(n, 'fineId')}` : ''}.`,
          }
        : {
            title: 'Жауапкершілікке негіз табылмады',
            body: `${n.reportId} өтініші бойынша ${d(n, 'number')}-ұсыным жөнінде уәкілетті орган жауапкершілікке негіз таппады.`,
          },
  },
  ru: {
    FinalDocumentIssued: (n) => ({
      title: 'Клуб составил итоговый документ',
      body: `Клуб составил итоговый документ (${say(DOCUMENT_KIND.ru, d(n, 'documentKind'))}) по обращению ${n.reportId} для учреждения с БИН ${bin(n)}, рекомендаций: ${d(n, 'recommendations')}; его нужно направить до ${d(n, 'sendDueOn')}.`,
    }),
    FinalDocumentSent: (n) => ({
      title: 'Итоговый документ направлен',
      body: `Итоговый документ клуба по обращению ${n.reportId} направлен учреждению с БИН ${bin(n)}${late(n, ' (с опозданием)')}; мотивированный ответ на каждую рекомендацию ожидается до ${d(n, 'replyDueOn')}.`,
    }),
    DocumentSendingOverdue: (n) => ({
      title: 'Итоговый документ просрочен',
      body: `Итоговый документ клуба по обращению ${n.reportId} не направлен до ${d(n, 'sendDueOn')}, срока по закону.`,
    }),
    RecommendationReplied: (n) => ({
      title: 'Учреждение ответило',
      body: `Учреждение с БИН ${bin(n)} ответило на рекомендацию ${d(n, 'number')} по обращению ${n.reportId}: ${say(POSITION.ru, d(n, 'position'))}${late(n, ' (с опозданием)')}. Обоснование: ${d(n, 'reasoning')}`,
    }),
    RecommendationReplyOverdue: (n) => ({
      title: 'Ответ просрочен',
      body: `Учреждение с БИН ${bin(n)} не ответило на рекомендацию ${d(n, 'number')} по обращению ${n.reportId} до ${d(n, 'replyDueOn')}.`,
    }),
    HearingScheduled: (n) => ({
      title: 'Назначены публичные слушания',
      body: `Публичные слушания по обращению ${n.reportId} состоятся ${d(n, 'hearingOn')}, место: ${d(n, 'place')}.`,
    }),
    RecommendationEscalated: (n) => ({
      title: 'Рекомендация передана в уполномоченный орган',
      body: `Рекомендация ${d(n, 'number')} по обращению ${n.reportId} передана в орган «${d(n, 'authority')}» (номер ${d(n, 'authorityReference')}): учреждение с БИН ${bin(n)} ${say(GROUNDS.ru, d(n, 'grounds'))}.`,
    }),
    EscalationOutcomeRecorded: (n) =>
      liable(n)
        ? {
            title: 'Виновные привлечены к ответственности',
            body: `По рекомендации ${d(n, 'number')} обращения ${n.reportId} уполномоченный орган привлёк к ответственности: протокол ${d(n, 'protocolNumber')}${d(n, 'fineId') ? `, штраф ${d(n, 'fineId')}` : ''}.`,
          }
        : {
            title: 'Оснований для ответственности не найдено',
            body: `По рекомендации ${d(n, 'number')} обращения ${n.reportId} уполномоченный орган не нашёл оснований для ответственности.`,
          },
  },
  en: {
    FinalDocumentIssued: (n) => ({
      title: 'The club issued its final document',
      body: `The club issued its final document (${say(DOCUMENT_KIND.en, d(n, 'documentKind'))}) on report ${n.reportId} to the institution with BIN ${bin(n)}, with ${d(n, 'recommendations')} recommendation(s); it is to be sent by ${d(n, 'sendDueOn')}.`,
    }),
    FinalDocumentSent: (n) => ({
      title: 'The final document was sent',
      body: `The club's final document on report ${n.reportId} was sent to the institution with BIN ${bin(n)}${late(n, ' (late)')}; its reasoned reply to each recommendation is due by ${d(n, 'replyDueOn')}.`,
    }),
    DocumentSendingOverdue: (n) => ({
      title: 'The final document is overdue',
      body: `The club's final document on report ${n.reportId} was not sent by ${d(n, 'sendDueOn')}, the law's deadline.`,
    }),
    RecommendationReplied: (n) => ({
      title: 'The institution replied',
      body: `The institution with BIN ${bin(n)} replied to recommendation ${d(n, 'number')} on report ${n.reportId}: ${say(POSITION.en, d(n, 'position'))}${late(n, ' (late)')}. Its reasons: ${d(n, 'reasoning')}`,
    }),
    RecommendationReplyOverdue: (n) => ({
      title: 'A reply is overdue',
      body: `The institution with BIN ${bin(n)} did not reply to recommendation ${d(n, 'number')} on report ${n.reportId} by ${d(n, 'replyDueOn')}.`,
    }),
    HearingScheduled: (n) => ({
      title: 'A public hearing was scheduled',
      body: `A public hearing on report ${n.reportId} is set for ${d(n, 'hearingOn')}, at ${d(n, 'place')}.`,
    }),
    RecommendationEscalated: (n) => ({
      title: 'A recommendation was escalated',
      body: `Recommendation ${d(n, 'number')} on report ${n.reportId} was referred to ${d(n, 'authority')} (reference ${d(n, 'authorityReference')}): the institution with BIN ${bin(n)} ${say(GROUNDS.en, d(n, 'grounds'))}.`,
    }),
    EscalationOutcomeRecorded: (n) =>
      liable(n)
        ? {
            title: 'Liability was imposed',
            body: `On recommendation ${d(n, 'number')} of report ${n.reportId} the authorised body imposed liability: protocol ${d(n, 'protocolNumber')}${d(n, 'fineId') ? `, fine ${d(n, 'fineId')}` : ''}.`,
          }
        : {
            title: 'No liability was imposed',
            body: `On recommendation ${d(n, 'number')} of report ${n.reportId} the authorised body found no grounds for liability.`,
          },
  },
};
