import { commandAnswer, type CommandResult } from '@app/event-store';

/** A command's answer with the stream's status after it, and any ids the route gave (a defect's, an offence's). */
export const statusAnswer = <Extra extends Record<string, string>>(
  result: CommandResult<{ status: string }>,
  extra: Extra = {} as Extra,
) => commandAnswer(result, { status: result.state.status, ...extra });
