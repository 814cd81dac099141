import { SetMetadata } from '@nestjs/common';

export const TEXT_ANSWER_KEY = 'openapi:text-answer';

/**
 * A handler that answers some requests as text of this media type and the rest as JSON (an export as CSV or as a
 * data package): its Content-Type is set at run time, so the document learns both media types from here.
 */
export const TextAnswer = (mediaType: string) => SetMetadata(TEXT_ANSWER_KEY, mediaType);
