import { tracingConfig, TracingConfigError } from './tracing-config';

describe('tracingConfig', () => {
  it('is off unless an OTLP endpoint or a traces exporter is named', () => {
    expect(tracingConfig({})).toBeUndefined();
    expect(tracingConfig({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_HEADERS: 'a=b' })).toBeUndefined();
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBeUndefined();
  });

  it('is on with either endpoint or OTEL_TRACES_EXPORTER, with the defaults of the specification', () => {
    const on = { exporter: 'otlp', sampler: 'parentbased_always_on', samplerRatio: 1, scheduleDelayMs: 5000 };
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual(on);
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toEqual(on);
    expect(tracingConfig({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual(on);
    expect(tracingConfig({ OTEL_TRACES_EXPORTER: 'console' })).toMatchObject({ exporter: 'console' });
  });

  it('stays off when told so, whatever else is set', () => {
    expect(
      tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBeUndefined();
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
  });

  it('reads the sampler and the batch delay', () => {
    expect(
      tracingConfig({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      }),
    ).toMatchObject({ sampler: 'parentbased_traceidratio', samplerRatio: 0.25, scheduleDelayMs: 200 });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'zipkin' }, /OTEL_TRACES_EXPORTER must be otlp, console or none \(got zipkin\)/],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/json/,
    ],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' },
      /OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http\/json/,
    ],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'sometimes' }, /OTEL_TRACES_SAMPLER must be one of/],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' },
      /OTEL_TRACES_SAMPLER_ARG must be a ratio/,
    ],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_BSP_SCHEDULE_DELAY: 'soon' },
      /OTEL_BSP_SCHEDULE_DELAY must be a whole number/,
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => tracingConfig(env)).toThrow(TracingConfigError);
    expect(() => tracingConfig(env)).toThrow(message);
  });

  it('lets the signal-specific protocol win over the general one', () => {
    expect(
      tracingConfig({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toBeDefined();
  });
});
