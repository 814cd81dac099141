import { ContractViolationError } from '@app/contracts';
import { VersionConflictError } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import { AwaitingFactError, classifyFailure } from './message-failures';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('classifyFailure', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      'connection',
    ],
    ['backend terminated', new Error('Connection terminated unexpectedly'), 'connection'],
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command'), 'connection'],
    ['cannot connect now', pgError('57P03', 'the database system is starting up'), 'connection'],
    ['too many connections', pgError('53300', 'sorry, too many clients already'), 'too_many_connections'],
    ['serialization failure', pgError('40001'), 'serialization_failure'],
    ['deadlock', pgError('40P01'), 'deadlock'],
    ['pool timeout', new Error('timeout exceeded when trying to connect'), 'timeout'],
    ['a closed TypeORM driver', new Error('Driver not Connected'), 'connection'],
    ['a typeorm QueryFailedError', Object.assign(new Error('q'), { driverError: { code: '08006' } }), 'connection'],
    ['a version conflict the retries did not clear', new VersionConflictError('s', 1, 2), 'version_conflict'],
  ])('%s is transient (%s)', (_what, error, reason) => {
    expect(classifyFailure(error)).toEqual({ kind: 'transient', reason });
  });

  it('tells deterministic failures apart: contract violation, domain refusal, a wait for a fact, the rest', () => {
    expect(classifyFailure(new ContractViolationError('C', ['x: missing']))).toEqual({ kind: 'contract_violation' });
    expect(classifyFailure(new NotFoundError('Programme', 'p-1'))).toEqual({ kind: 'refused' });
    expect(classifyFailure(new AwaitingFactError('revenue line of Taraz for 2020', 'no line'))).toEqual({
      kind: 'awaiting_fact',
      awaits: 'revenue line of Taraz for 2020',
    });
    expect(classifyFailure(pgError('23502', 'null value in column'))).toEqual({ kind: 'unknown' });
    expect(classifyFailure(new Error('this handler always fails'))).toEqual({ kind: 'unknown' });
  });
});
