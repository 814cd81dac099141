import { Controller, Inject, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent } from './consume-event.decorator';

/** An intake's method that takes one event: its payload as its contract validated it, and its envelope. */
type TakesEvent = (payload: never, envelope: IntegrationEnvelope) => Promise<void>;

/** The names of the intake's methods that take an event. */
type IntakeMethod<Intake> = { [K in keyof Intake]: Intake[K] extends TakesEvent ? K : never }[keyof Intake];

/** The payload a method of the intake takes. */
type PayloadOf<Method> = Method extends (payload: infer P, envelope: IntegrationEnvelope) => Promise<void> ? P : never;

/**
 * How an intake consumer takes one event type: the contract its payload must meet, and the intake's method for it. The
 * contract's instances must be what that method takes, so a contract paired with another event's method does not compile.
 */
type IntakeRoute<Intake> = {
  [K in IntakeMethod<Intake>]: readonly [contract: new () => PayloadOf<Intake[K]>, method: K];
}[IntakeMethod<Intake>];

/**
 * A consumer that only validates each event against its contract and hands it, with its envelope, to the service's
 * intake, which says what the event means there (and takes it once through the inbox: the intake's methods do, the
 * consumer does not). One handler serves every event type
 * of the table, told apart by the envelope's event type; `name` names the class in Nest's logs and errors.
 */
export function intakeConsumer<Intake>(
  name: string,
  intake: Type<Intake>,
  routes: Record<string, IntakeRoute<Intake>>,
): Type<unknown> {
  @Controller()
  class IntakeConsumer {
    constructor(@Inject(intake) private readonly intake: Intake) {}

    @ConsumeEvent(Object.keys(routes))
    onEvent(@Payload() envelope: IntegrationEnvelope): Promise<void> {
      const [contract, method] = routes[envelope.eventType];
      // The route's type ties the contract to its method; here, one handler for all, they are a class and a name.
      const payload = validateContract(contract as new () => object, envelope.payload) as never;
      return (this.intake[method] as TakesEvent).call(this.intake, payload, envelope);
    }
  }
  Object.defineProperty(IntakeConsumer, 'name', { value: name });
  return IntakeConsumer;
}
