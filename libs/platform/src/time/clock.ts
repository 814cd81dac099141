// The clock lives in @app/domain-kernel; the platform barrel keeps exporting it for application code.
export { Clock, SystemClock } from '@app/domain-kernel';
