// What each route answers and which headers it sets, as `npm run openapi:generate` read them from the handlers.
import generated from './route-responses.generated.json' with { type: 'json' };

/** operationId (`<Controller>_<method>`) to the JSON Schema of its answer; absent: the route answers no body. */
export const ROUTE_RESPONSES: Record<string, Record<string, unknown>> = generated.schemas;
/** operationId to the response headers its handler sets by name; absent: none. */
export const ROUTE_RESPONSE_HEADERS: Record<string, string[]> = generated.headers;
