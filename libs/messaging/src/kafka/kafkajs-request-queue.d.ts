// kafkajs's request queue class, which it does not export: request-queue-idle.fix.ts replaces one of its methods.
declare module 'kafkajs/src/network/requestQueue/index.js' {
  const RequestQueue: { prototype: object };
  export default RequestQueue;
}
